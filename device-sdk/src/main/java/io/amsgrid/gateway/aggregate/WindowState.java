package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A window that is still collecting samples, as exact running sums: what a clean stop saves
 * ({@link WindowStateFile}) and the next start resumes, so the samples of an incomplete window are
 * not lost.
 *
 * @param start         inclusive window start
 * @param end           exclusive window end
 * @param readings      meter lists counted so far
 * @param meterId       the meter's id if a list carried it, else null
 * @param lastMeterTime the meter clock of the last list carrying one, else null
 * @param sums          running sums per instantaneous measurement
 */
public record WindowState(Instant start, Instant end, int readings, String meterId, Instant lastMeterTime,
                          Map<Measurement, Sums> sums) {

    /** Count, sum, min and max of one measurement's samples so far. */
    public record Sums(int count, double sum, double min, double max) {
    }

    public WindowState {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start " + start + " is not before its end " + end);
        }
        EnumMap<Measurement, Sums> copy = new EnumMap<>(Measurement.class);
        copy.putAll(sums);
        sums = Collections.unmodifiableMap(copy);
    }

    /** The window as it would be published now. */
    public AggregateWindow toWindow() {
        EnumMap<Measurement, Stats> stats = new EnumMap<>(Measurement.class);
        sums.forEach((m, s) -> stats.put(m, new Stats(s.count(), s.sum() / s.count(), s.min(), s.max())));
        return new AggregateWindow(start, end, readings, stats, meterId, lastMeterTime);
    }
}
