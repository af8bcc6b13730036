package io.amsgrid.localrun;

import io.amsgrid.codec.meter.Measurement;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The oracle of a local run: what the cloud must hold, computed independently of the gateway from
 * the frames the simulated meters sent (their exact values and send times): per thing, the
 * avg/min/max/sample count of every instantaneous measurement per send-interval window, and the
 * energy registers of every List 3 by the meter's hour.
 */
public final class ExpectedData {

    /** The expected aggregate of one measurement in one window. */
    public static final class Aggregate {
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private int samples;

        void add(double v) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            samples++;
        }

        public double avg() {
            return sum / samples;
        }

        public double min() {
            return min;
        }

        public double max() {
            return max;
        }

        public int samples() {
            return samples;
        }
    }

    private final int intervalSeconds;
    private final Map<String, Map<Long, Map<Measurement, Aggregate>>> windows = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, Map<Measurement, Double>>> hours = new ConcurrentHashMap<>();

    public ExpectedData(int intervalMinutes) {
        this.intervalSeconds = intervalMinutes * 60;
    }

    /** Records one frame sent by {@code thing}'s meter at {@code sentAt}. */
    public void add(String thing, Instant sentAt, int list, Map<Measurement, Double> values, Instant meterHour) {
        long window = Math.floorDiv(sentAt.getEpochSecond(), intervalSeconds) * intervalSeconds;
        Map<Measurement, Aggregate> w;
        synchronized (this) {
            w = windows.computeIfAbsent(thing, t -> new TreeMap<>())
                    .computeIfAbsent(window, k -> new EnumMap<>(Measurement.class));
            values.forEach((m, v) -> {
                if (m.isInstantaneous()) {
                    w.computeIfAbsent(m, k -> new Aggregate()).add(v);
                }
            });
            if (list == 3 && meterHour != null) {
                Map<Measurement, Double> registers = new EnumMap<>(Measurement.class);
                values.forEach((m, v) -> {
                    if (!m.isInstantaneous()) {
                        registers.put(m, v);
                    }
                });
                hours.computeIfAbsent(thing, t -> new TreeMap<>()).put(meterHour.getEpochSecond(), registers);
            }
        }
    }

    /** Windows that started before {@code end}, by thing then window start (UNIX s). */
    public synchronized Map<String, Map<Long, Map<Measurement, Aggregate>>> windowsBefore(Instant end) {
        Map<String, Map<Long, Map<Measurement, Aggregate>>> out = new TreeMap<>();
        windows.forEach((thing, byWindow) -> {
            Map<Long, Map<Measurement, Aggregate>> copy = new TreeMap<>();
            byWindow.forEach((start, w) -> {
                if (start + intervalSeconds <= end.getEpochSecond()) {
                    copy.put(start, w);
                }
            });
            out.put(thing, copy);
        });
        return out;
    }

    /** Hourly registers by thing then the meter's hour (UNIX s). */
    public synchronized Map<String, Map<Long, Map<Measurement, Double>>> hours() {
        return new TreeMap<>(hours);
    }

    public synchronized int windowCount(Instant end) {
        return windowsBefore(end).values().stream().mapToInt(Map::size).sum();
    }

    public synchronized int hourCount() {
        return hours.values().stream().mapToInt(Map::size).sum();
    }
}
