package io.amsgrid.localrun;

import io.amsgrid.codec.meter.Measurement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The oracle of a local run: what the cloud must hold, computed independently of the gateway from
 * the frames the simulated meters sent (their exact values and send times): per thing, the
 * avg/min/max/sample count of every instantaneous measurement per send-interval window, and the
 * energy registers of every List 3 by the meter's hour. Tests tell it about send-interval changes
 * and gateway downtime ({@link #changeInterval}, {@link #exclude}, {@link #gatewayKilled}).
 *
 * <p>Frames are added only once observed (written into the meter's pseudo-terminal, or read by the
 * gateway from an in-memory pipe), in the window of that instant: frames a meter sent while its port
 * was unplugged (a killed gateway's dead time) are never added, so a window with no samples the
 * gateway could read is not expected at all. A frame observed after a kill lies in a window due
 * after it, which {@link #gatewayKilled} forgets or excludes, so the kill accounting holds.
 */
public final class ExpectedData {

    /** Why windows are left out of the comparison. */
    public enum Exclusion {
        /** The gateway was stopped and started again: the windows across the gap hold part of the samples. */
        GATEWAY_RESTARTED,
        /**
         * The gateway was SIGKILLed within moments of a window's publish time: whether that window
         * reached the outbox on disk before the kill is a race the oracle cannot see.
         */
        KILLED_WHILE_CLOSING
    }

    /** One excluded span of a thing, UNIX seconds, both ends included. */
    public record Excluded(String thing, long fromEpochS, long toEpochS, Exclusion reason) {
    }

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
    private final Map<String, Map<Long, Long>> windowEnds = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<Long, Integer>> intervalChanges = new ConcurrentHashMap<>();
    private final Map<String, List<Excluded>> excluded = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, Map<Measurement, Double>>> hours = new ConcurrentHashMap<>();

    public ExpectedData(int intervalMinutes) {
        this.intervalSeconds = intervalMinutes * 60;
    }

    /** Records one frame of {@code thing}'s meter, observed at {@code sentAt} (see above). */
    public void add(String thing, Instant sentAt, int list, Map<Measurement, Double> values, Instant meterHour) {
        Map<Measurement, Aggregate> w;
        synchronized (this) {
            long sec = sentAt.getEpochSecond();
            long seconds = intervalSeconds;
            long notBefore = Long.MIN_VALUE;
            var change = intervalChanges.getOrDefault(thing, new TreeMap<>()).floorEntry(sec);
            if (change != null) {
                seconds = change.getValue() * 60L;
                notBefore = change.getKey();
            }
            long grid = Math.floorDiv(sec, seconds) * seconds;
            long window = Math.max(grid, notBefore);
            windowEnds.computeIfAbsent(thing, k -> new TreeMap<>()).put(window, grid + seconds);
            w = windows.computeIfAbsent(thing, k -> new TreeMap<>())
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

    /**
     * From {@code from} on (a window boundary), {@code thing}'s gateway aggregates over
     * {@code minutes}: the first window starts at {@code from} and ends on the new interval's grid,
     * as the gateway does after a send-interval change. Call before frames from then on are added.
     */
    public synchronized void changeInterval(String thing, Instant from, int minutes) {
        intervalChanges.computeIfAbsent(thing, k -> new TreeMap<>()).put(from.getEpochSecond(), minutes);
    }

    /**
     * {@code thing}'s gateway was not running from {@code from} to {@code to} (stopped and started
     * again): windows overlapping that span hold only part of the meter's samples, so they are not
     * expected (and not compared if stored).
     */
    public void exclude(String thing, Instant from, Instant to) {
        exclude(thing, from, to, Exclusion.GATEWAY_RESTARTED);
    }

    /** As {@link #exclude(String, Instant, Instant)}, for {@code reason}. */
    public synchronized void exclude(String thing, Instant from, Instant to, Exclusion reason) {
        excluded.computeIfAbsent(thing, k -> new ArrayList<>())
                .add(new Excluded(thing, from.getEpochSecond(), to.getEpochSecond(), reason));
    }

    /**
     * {@code thing}'s gateway was SIGKILLed at {@code killedAt}, and its meter's port unplugged
     * before this call (no frame after the kill is added until the port is back). A window goes
     * into the gateway's outbox on disk at its end plus the thing's {@code publishOffset}; until
     * then it lives in the process's memory only. So windows due by {@code killedAt - margin} stay
     * expected, value for value; windows due after {@code killedAt + margin} lost their samples with
     * the process and are forgotten here, so that the frames read after the restart start them
     * afresh (the restarted gateway aggregates only what it reads: a window the kill cut in two is
     * expected with the samples after the restart); windows due within {@code margin} of the kill
     * are excluded ({@link Exclusion#KILLED_WHILE_CLOSING}). Returns the number of windows forgotten.
     */
    public synchronized int gatewayKilled(String thing, Instant killedAt, Duration publishOffset, Duration margin) {
        Map<Long, Map<Measurement, Aggregate>> byWindow = windows.getOrDefault(thing, Map.of());
        Map<Long, Long> ends = windowEnds.getOrDefault(thing, Map.of());
        int forgotten = 0;
        for (Long start : List.copyOf(byWindow.keySet())) {
            Instant due = Instant.ofEpochSecond(ends.get(start)).plus(publishOffset);
            if (due.isAfter(killedAt.plus(margin))) {
                byWindow.remove(start);
                ends.remove(start);
                forgotten++;
            } else if (due.isAfter(killedAt.minus(margin))) {
                exclude(thing, Instant.ofEpochSecond(start), Instant.ofEpochSecond(start), Exclusion.KILLED_WHILE_CLOSING);
            }
        }
        return forgotten;
    }

    /** True if the window {@code [start, end)} of {@code thing} overlaps an excluded span. */
    public synchronized boolean isExcluded(String thing, long start, long end) {
        return excluded.getOrDefault(thing, List.of()).stream().anyMatch(x -> start <= x.toEpochS() && end > x.fromEpochS());
    }

    /** Every excluded span, with its reason. */
    public synchronized List<Excluded> exclusions() {
        return excluded.values().stream().flatMap(List::stream).toList();
    }

    /** The end (UNIX s) of {@code thing}'s window starting at {@code start}, or -1 if none. */
    public synchronized long windowEnd(String thing, long start) {
        return windowEnds.getOrDefault(thing, Map.of()).getOrDefault(start, -1L);
    }

    /** Windows that ended by {@code end} and are not excluded, by thing then window start (UNIX s). */
    public synchronized Map<String, Map<Long, Map<Measurement, Aggregate>>> windowsBefore(Instant end) {
        Map<String, Map<Long, Map<Measurement, Aggregate>>> out = new TreeMap<>();
        windows.forEach((thing, byWindow) -> {
            Map<Long, Map<Measurement, Aggregate>> copy = new TreeMap<>();
            byWindow.forEach((start, w) -> {
                long windowEnd = windowEnd(thing, start);
                if (windowEnd <= end.getEpochSecond() && !isExcluded(thing, start, windowEnd)) {
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
