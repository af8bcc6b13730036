package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Interval aggregates of one meter (topic {@code avg/<thing>}): avg/min/max and sample count of every
 * instantaneous {@link Measurement} the meter sent during the window. Absent measurements stay absent.
 *
 * @param sequence          gateway sequence number, 0 to 2^32-1
 * @param windowStartEpochS window start, UNIX seconds, 0 to 2^32-1
 * @param intervalMinutes   window length, 1-60
 * @param meterId           the meter's id, or {@code null}
 * @param measurements      one entry per present instantaneous measurement, at least one
 */
public record AggregatePayload(
        long sequence,
        long windowStartEpochS,
        int intervalMinutes,
        String meterId,
        Map<Measurement, Stats> measurements) implements Payload {

    /**
     * The aggregate of one measurement over the window. Single precision is plenty for W, var, A, V
     * (7 significant digits) and keeps the binary layout small.
     *
     * @param avg     the mean of the samples
     * @param min     the smallest sample
     * @param max     the largest sample
     * @param samples how many samples the window held, 1-65535
     */
    public record Stats(float avg, float min, float max, int samples) {
        public Stats {
            PayloadChecks.finite("avg", avg);
            PayloadChecks.finite("min", min);
            PayloadChecks.finite("max", max);
            if (min > avg || avg > max) {
                throw PayloadException.outOfRange("need min <= avg <= max, got min " + min + ", avg " + avg + ", max " + max);
            }
            if (samples < 1 || samples > 0xFFFF) {
                throw PayloadException.outOfRange("samples must be 1..65535, was " + samples);
            }
        }
    }

    public AggregatePayload {
        PayloadChecks.u32("sequence", sequence);
        PayloadChecks.u32("windowStartEpochS", windowStartEpochS);
        if (intervalMinutes < 1 || intervalMinutes > 60) {
            throw PayloadException.outOfRange("intervalMinutes must be 1..60, was " + intervalMinutes);
        }
        meterId = PayloadChecks.meterId(meterId);
        Objects.requireNonNull(measurements, "measurements");
        if (measurements.isEmpty()) {
            throw PayloadException.outOfRange("an aggregate needs at least one measurement");
        }
        EnumMap<Measurement, Stats> copy = new EnumMap<>(Measurement.class);
        measurements.forEach((m, s) -> {
            if (!m.isInstantaneous()) {
                throw PayloadException.outOfRange(m.fieldName() + " is not an instantaneous measurement");
            }
            copy.put(m, Objects.requireNonNull(s, m.fieldName()));
        });
        measurements = Collections.unmodifiableMap(copy);
    }

    @Override
    public PayloadType type() {
        return PayloadType.AGGREGATE;
    }
}
