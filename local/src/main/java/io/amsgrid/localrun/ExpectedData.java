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

    /** One thing's account; every access holds its monitor (so the thousand meters of a load run do not contend on one lock). */
    private static final class Thing {
        final Map<Long, Map<Measurement, Aggregate>> windows = new TreeMap<>();
        final Map<Long, Long> windowEnds = new TreeMap<>();
        final TreeMap<Long, Integer> intervalChanges = new TreeMap<>();
        final List<Excluded> excluded = new ArrayList<>();
        final Map<Long, Map<Measurement, Double>> hours = new TreeMap<>();
        boolean framesAdded;
        /** The window the last frame went into (most frames go into the same one as the frame before). */
        long lastWindow = Long.MIN_VALUE;
        Map<Measurement, Aggregate> lastAggregates;

        void forgetLastWindow() {
            lastWindow = Long.MIN_VALUE;
            lastAggregates = null;
        }

        boolean isExcluded(long start, long end) {
            for (Excluded x : excluded) {
                if (start <= x.toEpochS() && end > x.fromEpochS()) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int intervalSeconds;
    private final Map<String, Thing> things = new ConcurrentHashMap<>();

    public ExpectedData(int intervalMinutes) {
        this.intervalSeconds = intervalMinutes * 60;
    }

    private Thing thing(String thing) {
        Thing t = things.get(thing);
        return t != null ? t : things.computeIfAbsent(thing, k -> new Thing());
    }

    /** Records one frame of {@code thing}'s meter, observed at {@code sentAt} (see above). */
    public void add(String thing, Instant sentAt, int list, Map<Measurement, Double> values, Instant meterHour) {
        Thing t = thing(thing);
        synchronized (t) {
            long sec = sentAt.getEpochSecond();
            long seconds = intervalSeconds;
            long notBefore = Long.MIN_VALUE;
            var change = t.intervalChanges.floorEntry(sec);
            if (change != null) {
                seconds = change.getValue() * 60L;
                notBefore = change.getKey();
            }
            long grid = Math.floorDiv(sec, seconds) * seconds;
            long window = Math.max(grid, notBefore);
            t.framesAdded = true;
            Map<Measurement, Aggregate> w;
            if (window == t.lastWindow) {
                w = t.lastAggregates;
            } else {
                t.windowEnds.put(window, grid + seconds);
                w = t.windows.computeIfAbsent(window, k -> new EnumMap<>(Measurement.class));
                t.lastWindow = window;
                t.lastAggregates = w;
            }
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
                t.hours.put(meterHour.getEpochSecond(), registers);
            }
        }
    }

    /**
     * From {@code from} on (a window boundary), {@code thing}'s gateway aggregates over
     * {@code minutes}: the first window starts at {@code from} and ends on the new interval's grid,
     * as the gateway does after a send-interval change. Call before frames from then on are added.
     */
    public void changeInterval(String thing, Instant from, int minutes) {
        Thing t = thing(thing);
        synchronized (t) {
            t.intervalChanges.put(from.getEpochSecond(), minutes);
            t.forgetLastWindow();
        }
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
    public void exclude(String thing, Instant from, Instant to, Exclusion reason) {
        Thing t = thing(thing);
        synchronized (t) {
            t.excluded.add(new Excluded(thing, from.getEpochSecond(), to.getEpochSecond(), reason));
        }
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
    public int gatewayKilled(String thing, Instant killedAt, Duration publishOffset, Duration margin) {
        Thing t = thing(thing);
        synchronized (t) {
            t.forgetLastWindow();
            int forgotten = 0;
            for (Long start : List.copyOf(t.windows.keySet())) {
                Instant due = Instant.ofEpochSecond(t.windowEnds.get(start)).plus(publishOffset);
                if (due.isAfter(killedAt.plus(margin))) {
                    t.windows.remove(start);
                    t.windowEnds.remove(start);
                    forgotten++;
                } else if (due.isAfter(killedAt.minus(margin))) {
                    t.excluded.add(new Excluded(thing, start, start, Exclusion.KILLED_WHILE_CLOSING));
                }
            }
            return forgotten;
        }
    }

    /** True if the window {@code [start, end)} of {@code thing} overlaps an excluded span. */
    public boolean isExcluded(String thing, long start, long end) {
        Thing t = things.get(thing);
        if (t == null) {
            return false;
        }
        synchronized (t) {
            return t.isExcluded(start, end);
        }
    }

    /** Every excluded span, with its reason. */
    public List<Excluded> exclusions() {
        List<Excluded> all = new ArrayList<>();
        for (Thing t : things.values()) {
            synchronized (t) {
                all.addAll(t.excluded);
            }
        }
        return all;
    }

    /** The end (UNIX s) of {@code thing}'s window starting at {@code start}, or -1 if none. */
    public long windowEnd(String thing, long start) {
        Thing t = things.get(thing);
        if (t == null) {
            return -1;
        }
        synchronized (t) {
            return t.windowEnds.getOrDefault(start, -1L);
        }
    }

    /** Windows that ended by {@code end} and are not excluded, by thing then window start (UNIX s). */
    public Map<String, Map<Long, Map<Measurement, Aggregate>>> windowsBefore(Instant end) {
        Map<String, Map<Long, Map<Measurement, Aggregate>>> out = new TreeMap<>();
        things.forEach((thing, t) -> {
            Map<Long, Map<Measurement, Aggregate>> copy = new TreeMap<>();
            synchronized (t) {
                if (!t.framesAdded) {
                    return;
                }
                t.windows.forEach((start, w) -> {
                    long windowEnd = t.windowEnds.getOrDefault(start, -1L);
                    if (windowEnd <= end.getEpochSecond() && !t.isExcluded(start, windowEnd)) {
                        copy.put(start, w);
                    }
                });
            }
            out.put(thing, copy);
        });
        return out;
    }

    /** Hourly registers by thing then the meter's hour (UNIX s). */
    public Map<String, Map<Long, Map<Measurement, Double>>> hours() {
        Map<String, Map<Long, Map<Measurement, Double>>> out = new TreeMap<>();
        things.forEach((thing, t) -> {
            synchronized (t) {
                if (!t.hours.isEmpty()) {
                    out.put(thing, new TreeMap<>(t.hours));
                }
            }
        });
        return out;
    }

    public int windowCount(Instant end) {
        return windowsBefore(end).values().stream().mapToInt(Map::size).sum();
    }

    public int hourCount() {
        int n = 0;
        for (Thing t : things.values()) {
            synchronized (t) {
                n += t.hours.size();
            }
        }
        return n;
    }
}
