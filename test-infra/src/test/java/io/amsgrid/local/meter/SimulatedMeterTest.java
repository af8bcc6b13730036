package io.amsgrid.local.meter;

import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedMeterTest {
    private static final Instant START = Instant.parse("2026-01-14T10:59:00Z");

    @Test
    void framesUntil_kaifaOneMinute_list1Every2sAndList2Every10s() {
        SimulatedMeter m = SimulatedMeter.ofFleet(MeterVendor.KAIFA, 3, 0, START);
        List<SimulatedMeter.Frame> frames = m.framesUntil(START.plusSeconds(60));

        assertThat(frames).filteredOn(f -> f.list() == 2).hasSize(6);
        assertThat(frames).filteredOn(f -> f.list() == 1).hasSize(24);
        assertThat(frames).extracting(SimulatedMeter.Frame::time).isSorted();
    }

    @Test
    void framesUntil_acrossTheHour_oneList3AtTheVendorsOffset() {
        SimulatedMeter m = SimulatedMeter.ofFleet(MeterVendor.KAMSTRUP, 1, 1, START);
        List<SimulatedMeter.Frame> frames = m.framesUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(frames).filteredOn(f -> f.list() == 3).singleElement()
                .satisfies(f -> {
                    assertThat(f.time()).isEqualTo(Instant.parse("2026-01-14T11:00:05Z"));
                    assertThat(f.values()).containsKeys(Measurement.ACTIVE_IMPORT_WH, Measurement.REACTIVE_EXPORT_VARH);
                });
        assertThat(frames).noneMatch(f -> f.list() == 1);
    }

    @Test
    void frames_everyVendorAndPhaseKind_haveValidHdlcChecksums() {
        for (SimulatedMeter m : Fleet.of(6, START)) {
            for (SimulatedMeter.Frame f : m.framesUntil(START.plus(Duration.ofMinutes(3)))) {
                byte[] b = f.bytes();
                int length = ((b[1] & 0x07) << 8) | (b[2] & 0xFF);
                assertThat(b).hasSize(length + 2);
                assertThat(b[0]).isEqualTo((byte) 0x7E);
                assertThat(b[b.length - 1]).isEqualTo((byte) 0x7E);
                int fcs = Crc16X25.compute(b, 1, length - 2);
                assertThat((b[length - 1] & 0xFF) | (b[length] & 0xFF) << 8).isEqualTo(fcs);
            }
        }
    }

    @Test
    void singlePhaseMeter_carriesNoL2OrL3Values() {
        SimulatedMeter m = SimulatedMeter.ofFleet(MeterVendor.AIDON, 1, 5, START);
        assertThat(m.framesUntil(START.plusSeconds(30))).filteredOn(f -> f.list() == 2)
                .allSatisfy(f -> assertThat(f.values()).doesNotContainKeys(
                        Measurement.VOLTAGE_L2_V, Measurement.CURRENT_L3_A).containsKey(Measurement.VOLTAGE_L1_V));
    }

    @Test
    void voltage_highestAtNight_lowestInTheEveningPeak() {
        LoadProfile p = LoadProfile.household(3);
        Instant night = Instant.parse("2026-01-14T02:00:00Z");
        Instant evening = Instant.parse("2026-01-14T17:30:00Z");
        assertThat(p.voltageV(night, 1)).isGreaterThan(p.voltageV(evening, 1) + 5);
        assertThat(p.netActivePowerW(evening)).isGreaterThan(p.netActivePowerW(night) * 3);
    }

    @Test
    void constructor_twoPhases_isRejectedWithTheValue() {
        assertThatThrownBy(() -> SimulatedMeter.ofFleet(MeterVendor.KAIFA, 2, 0, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2");
    }
}
