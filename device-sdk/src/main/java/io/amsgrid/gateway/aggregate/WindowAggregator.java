package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Avg/min/max per measurement over send intervals aligned to the clock (AC5, AC6).
 *
 * <p>A sample belongs to the window that contains its arrival instant; the clock is the wall clock
 * live and the capture's {@code t} when replaying, so results do not depend on replay speed. Every
 * list counts, whichever list carried the value (List 1 power samples too). Energy registers are
 * not aggregated (see {@link HourlyTracker}).
 *
 * <p>A window is emitted once the clock passes {@code end + publishDelay}: the delay is the
 * per-thing publish offset that spreads a fleet over the minute. Samples arriving during the delay
 * already belong to the next window. Windows without samples are not emitted.
 *
 * <p>An interval change takes effect at the end of the current window; the next window then starts
 * there and ends on the new interval's grid (it may be shorter once). Not thread-safe: one caller.
 */
public final class WindowAggregator {
    /** The allowed send interval range, minutes (AC6). */
    public static final int MIN_INTERVAL_MINUTES = 1;
    public static final int MAX_INTERVAL_MINUTES = 60;

    private final Duration publishDelay;
    private final TreeMap<Instant, Open> open = new TreeMap<>();
    private int intervalMinutes;
    private Instant lastEnd;   // end of the newest window ever opened: later windows start here or after
    private Instant clock = Instant.EPOCH;

    private static final class Open {
        final Instant start;
        final Instant end;
        final EnumMap<Measurement, Stats.Accumulator> acc = new EnumMap<>(Measurement.class);
        int readings;
        String meterId;
        Instant lastMeterTime;

        Open(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }
    }

    public WindowAggregator(int intervalMinutes, Duration publishDelay) {
        this.intervalMinutes = checkInterval(intervalMinutes);
        if (publishDelay.isNegative() || publishDelay.compareTo(Duration.ofMinutes(1)) >= 0) {
            throw new IllegalArgumentException("publish delay must be in [0 s, 60 s): " + publishDelay);
        }
        this.publishDelay = publishDelay;
    }

    /** Throws for an interval outside 1-60 minutes. */
    public static int checkInterval(int minutes) {
        if (minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
            throw new IllegalArgumentException("send interval must be 1-60 minutes, got " + minutes);
        }
        return minutes;
    }

    public int intervalMinutes() {
        return intervalMinutes;
    }

    /** Changes the interval from the end of the current window on. */
    public void setIntervalMinutes(int minutes) {
        this.intervalMinutes = checkInterval(minutes);
    }

    /** Adds one decoded list that arrived at {@code at}; returns windows that are now complete. */
    public List<AggregateWindow> accept(MeterReading reading, Instant at) {
        List<AggregateWindow> done = advanceTo(at);
        Open w = windowFor(at);
        w.readings++;
        for (Map.Entry<Measurement, Double> e : reading.values().entrySet()) {
            if (e.getKey().isInstantaneous()) {
                w.acc.computeIfAbsent(e.getKey(), k -> new Stats.Accumulator()).add(e.getValue());
            }
        }
        if (reading.meterId() != null) {
            w.meterId = reading.meterId();
        }
        if (reading.meterTime() != null) {
            w.lastMeterTime = reading.meterTime();
        }
        return done;
    }

    /** Moves the clock forward (never back) and returns the windows whose publish time has come. */
    public List<AggregateWindow> advanceTo(Instant now) {
        if (now.isAfter(clock)) {
            clock = now;
        }
        List<AggregateWindow> done = new ArrayList<>();
        while (!open.isEmpty()) {
            Open first = open.firstEntry().getValue();
            if (clock.isBefore(first.end.plus(publishDelay))) {
                break;
            }
            open.pollFirstEntry();
            done.add(close(first));
        }
        return done;
    }

    /**
     * The windows still open (their publish time has not come), oldest first, closed as they are:
     * when the data ends (a replayed capture ended or stopped). Afterwards no window is open.
     */
    public List<AggregateWindow> drainIncomplete() {
        return takeOpen().stream().map(WindowState::toWindow).toList();
    }

    /**
     * The windows still open, as exact running sums, oldest first (to save them on a clean stop);
     * afterwards no window is open.
     */
    public List<WindowState> takeOpen() {
        List<WindowState> out = new ArrayList<>();
        for (Open w : open.values()) {
            EnumMap<Measurement, WindowState.Sums> sums = new EnumMap<>(Measurement.class);
            w.acc.forEach((m, a) -> sums.put(m, a.sums()));
            out.add(new WindowState(w.start, w.end, w.readings, w.meterId, w.lastMeterTime, sums));
        }
        open.clear();
        return out;
    }

    /**
     * Opens saved windows again (after a restart): samples that arrive before a window's end go
     * on counting in it, and it is emitted as usual once the clock passes its end plus the delay
     * (at the next {@link #advanceTo} if that time has already passed). Call before any sample.
     */
    public void restore(List<WindowState> saved) {
        for (WindowState s : saved) {
            if (open.containsKey(s.start())) {
                throw new IllegalStateException("window " + s.start() + " is already open");
            }
            Open w = new Open(s.start(), s.end());
            w.readings = s.readings();
            w.meterId = s.meterId();
            w.lastMeterTime = s.lastMeterTime();
            s.sums().forEach((m, x) -> w.acc.put(m, Stats.Accumulator.of(x)));
            open.put(s.start(), w);
            if (lastEnd == null || s.end().isAfter(lastEnd)) {
                lastEnd = s.end();
            }
        }
    }

    private Open windowFor(Instant arrival) {
        // the clock never goes back: a late sample counts in the current window, so an emitted
        // window is never reopened and never emitted twice
        Instant at = arrival.isBefore(clock) ? clock : arrival;
        var floor = open.floorEntry(at);
        if (floor != null && at.isBefore(floor.getValue().end)) {
            return floor.getValue();
        }
        long intervalSeconds = intervalMinutes * 60L;
        long startSec = Math.floorDiv(at.getEpochSecond(), intervalSeconds) * intervalSeconds;
        Instant start = Instant.ofEpochSecond(startSec);
        Instant end = start.plusSeconds(intervalSeconds);
        if (lastEnd != null && start.isBefore(lastEnd)) {
            start = lastEnd; // after an interval change: never overlap an earlier window
        }
        Open w = new Open(start, end);
        open.put(start, w);
        lastEnd = end;
        return w;
    }

    private static AggregateWindow close(Open w) {
        EnumMap<Measurement, Stats> stats = new EnumMap<>(Measurement.class);
        w.acc.forEach((m, a) -> stats.put(m, a.toStats()));
        return new AggregateWindow(w.start, w.end, w.readings, stats, w.meterId, w.lastMeterTime);
    }
}
