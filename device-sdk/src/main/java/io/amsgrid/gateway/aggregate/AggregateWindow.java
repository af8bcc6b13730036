package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The aggregates of one send interval: {@code [start, end)} on the gateway's clock (the wall clock,
 * or the capture's {@code t} when replaying).
 *
 * @param start         inclusive window start, aligned to the interval on the clock
 * @param end           exclusive window end
 * @param readings      number of meter lists that fell into the window
 * @param stats         avg/min/max/count per instantaneous measurement present in any list
 * @param meterId       the meter's id when a list in the window carried it, else null
 * @param lastMeterTime the meter clock of the last list carrying one, else null
 */
public record AggregateWindow(Instant start, Instant end, int readings, Map<Measurement, Stats> stats,
                              String meterId, Instant lastMeterTime) {

    public AggregateWindow {
        EnumMap<Measurement, Stats> copy = new EnumMap<>(Measurement.class);
        copy.putAll(stats);
        stats = Collections.unmodifiableMap(copy);
    }

    /** The window length in whole minutes. */
    public int intervalMinutes() {
        return (int) Duration.between(start, end).toMinutes();
    }
}
