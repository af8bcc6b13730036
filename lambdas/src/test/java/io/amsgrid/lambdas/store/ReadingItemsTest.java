package io.amsgrid.lambdas.store;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyFlag;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingItemsTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    static AggregatePayload fullThreePhase(Random rnd) {
        Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
        for (Measurement m : Measurement.values()) {
            if (m.isInstantaneous()) {
                float lo = rnd.nextFloat() * 10_000;
                float hi = lo + rnd.nextFloat() * 10_000;
                stats.put(m, new AggregatePayload.Stats(Math.min(hi, lo + (hi - lo) / 3), lo, hi, 1 + rnd.nextInt(65_535)));
            }
        }
        return new AggregatePayload(4_000_000_000L, 1_700_000_000L, 60, "7359992890941742", stats);
    }

    @Test
    void toPayload_itemOfPayload_givesThePayloadBackExactly() {
        Random rnd = new Random(3);
        List<Payload> payloads = List.of(fullThreePhase(rnd), fullThreePhase(rnd),
                new HourlyPayload(1, 1_699_999_200L, null, EnumSet.of(HourlyFlag.GAP, HourlyFlag.CLOCK_INVALID), 3,
                        Map.of(Measurement.ACTIVE_IMPORT_WH, 999_999_999_999_999L, Measurement.REACTIVE_EXPORT_VARH, 0L)),
                new PowerFailPayload(2, 1_700_000_090_123L, PowerFailReason.TRIGGER, "M", List.of(
                        new PowerFailPayload.VoltageSample(1_700_000_000_001L, Map.of(Measurement.VOLTAGE_L2_V, 1e-3f)))));
        for (Payload p : payloads) {
            assertThat(ReadingItems.toPayload(ReadingItems.of(p, "gw-1", 1_700_000_100_000L, OSLO).item())).isEqualTo(p);
        }
    }

    @Test
    void of_fullThreePhaseAggregate_fitsOneWriteUnit() {
        ReadingRecord record = ReadingItems.of(fullThreePhase(new Random(1)), "gw-0001-with-a-long-name", 1_700_000_100_000L, OSLO);
        assertThat(ItemSize.bytes(record.item())).isLessThan(1024);
        assertThat(ItemSize.writeUnits(record.latestItem())).isEqualTo(1);
    }

    @Test
    void of_powerFail_isIndexedOnItsLocalDate() {
        // 2023-11-14T23:30Z is 2023-11-15 00:30 in Oslo.
        PowerFailPayload pf = new PowerFailPayload(1, 1_700_004_600_000L, PowerFailReason.GPIO, null, List.of());
        ReadingRecord record = ReadingItems.of(pf, "gw-1", 1_700_004_601_000L, OSLO);
        assertThat(record.item().get("gsi1pk").s()).isEqualTo("pf#2023-11-15");
        assertThat(record.item().get("gsi1sk").s()).isEqualTo("1700004600000#gw-1");
        assertThat(record.tracksLatest()).isFalse();
    }

    @Test
    void decimals_floats_areShortestPlainText() {
        assertThat(Decimals.of(230.1f)).isEqualTo("230.1");
        assertThat(Decimals.of(1500f)).isEqualTo("1500");
        assertThat(Decimals.of(1e-5f)).isEqualTo("0.00001");
        assertThat(Decimals.of(-0f)).isEqualTo("0");
        assertThat(Decimals.of(3.4028235e38f)).isEqualTo("340282350000000000000000000000000000000");
        Random rnd = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isFinite(f)) {
                assertThat(Float.parseFloat(Decimals.of(f))).isEqualTo(f == 0 ? 0f : f);
            }
        }
    }
}
