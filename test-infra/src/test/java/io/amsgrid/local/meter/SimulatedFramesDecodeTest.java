package io.amsgrid.local.meter;

import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The simulator's frames go through the real codec and come out value for value. */
class SimulatedFramesDecodeTest {

    private static void assertDecodesToItsValues(SimulatedMeter m, Instant start, Duration span) {
        int decoded = 0;
        for (SimulatedMeter.Frame f : m.framesUntil(start.plus(span))) {
            DecodedList list = HanDecoder.decode(HanFormat.HDLC_DLMS, f.bytes(), SecurityKeys.NONE);
            MeterReading r = list.reading();
            assertThat(r.values().keySet()).as("%s list %d", m.vendor(), f.list())
                    .containsExactlyInAnyOrderElementsOf(f.values().keySet());
            for (Measurement q : f.values().keySet()) {
                assertThat(r.values().get(q)).as("%s %s list %d", m.vendor(), q, f.list())
                        .isCloseTo(f.values().get(q), within(1e-9));
            }
            if (f.list() > 1) {
                assertThat(r.meterId()).isEqualTo(m.meterId());
            }
            if (f.list() == 3) {
                assertThat(r.meterTime()).isEqualTo(f.time().truncatedTo(ChronoUnit.HOURS));
            }
            decoded++;
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void decode_everyVendorBothPhaseKinds_winterHourChange_valuesAsSimulated() {
        Instant start = Instant.parse("2026-01-14T10:58:30Z");
        for (SimulatedMeter m : Fleet.of(6, start)) {
            assertDecodesToItsValues(m, start, Duration.ofMinutes(3));
        }
    }

    @Test
    void decode_everyVendor_summerTime_list3ClockIsTheMetersHour() {
        Instant start = Instant.parse("2026-07-01T21:59:00Z");
        for (SimulatedMeter m : Fleet.of(6, start)) {
            assertDecodesToItsValues(m, start, Duration.ofMinutes(2));
        }
    }
}
