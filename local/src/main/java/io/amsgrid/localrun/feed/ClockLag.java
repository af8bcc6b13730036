package io.amsgrid.localrun.feed;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How far behind the simulated clock the frames of a local run were handled: for each frame, the
 * simulated time between the instant the meter sent it (its place in the meter's cadence) and the
 * instant it was observed (read by the gateway with the in-memory feed; written into the
 * pseudo-terminal with the PTY feed, whose read instant the harness cannot see). A machine that
 * keeps up shows milliseconds; one that does not, seconds or minutes, and frames that land in a
 * later send-interval window than the one they were sent in (their values then count there: the
 * oracle follows the observed instant). Thread-safe.
 */
public final class ClockLag {
    private static final long BUCKET_MS = 10;
    private static final int BUCKETS = 360_000; // 10 ms buckets up to one simulated hour

    private final long intervalSeconds;
    private final double speed;
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS + 1);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong maxMs = new AtomicLong();
    private final AtomicLong laterWindow = new AtomicLong();
    private volatile long lastMs;

    /**
     * @param intervalMinutes the gateways' send interval (the window grid)
     * @param speed           simulated seconds per wall second, to state the lag in wall time too
     */
    public ClockLag(int intervalMinutes, double speed) {
        this.intervalSeconds = intervalMinutes * 60L;
        this.speed = speed;
    }

    /** One frame sent at {@code sentAt} and observed at {@code observedAt} (simulated instants). */
    public void record(Instant sentAt, Instant observedAt) {
        long ms = Math.max(0, observedAt.toEpochMilli() - sentAt.toEpochMilli());
        buckets.incrementAndGet((int) Math.min(BUCKETS, ms / BUCKET_MS));
        frames.incrementAndGet();
        maxMs.accumulateAndGet(ms, Math::max);
        lastMs = ms;
        if (Math.floorDiv(observedAt.getEpochSecond(), intervalSeconds) > Math.floorDiv(sentAt.getEpochSecond(), intervalSeconds)) {
            laterWindow.incrementAndGet();
        }
    }

    /**
     * @param frames      frames recorded
     * @param p50Ms       median lag in simulated ms (10 ms resolution), likewise p99; max exact
     * @param laterWindow frames observed in a later window than the one they were sent in
     */
    public record Snapshot(long frames, long p50Ms, long p99Ms, long maxMs, long laterWindow, double speed) {
        /** One line for the run's output; {@code observed} says what the instant is ("read by the gateways"). */
        public String line(String observed) {
            return String.format(Locale.ROOT, "clock lag: frames %s p50 %s, p99 %s, max %s behind the meters' send time "
                            + "(simulated; wall time = /%.0f); %d of %d frames landed in a later window than they were sent in",
                    observed, seconds(p50Ms), seconds(p99Ms), seconds(maxMs), speed, laterWindow, frames);
        }

        private static String seconds(long ms) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
    }

    /** The lag of the frame recorded last (simulated ms): how far behind the run is now. */
    public long lastMs() {
        return lastMs;
    }

    public Snapshot snapshot() {
        long n = frames.get();
        return new Snapshot(n, percentile(n, 0.50), percentile(n, 0.99), maxMs.get(), laterWindow.get(), speed);
    }

    private long percentile(long n, double q) {
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return i == BUCKETS ? maxMs.get() : i * BUCKET_MS;
            }
        }
        return maxMs.get();
    }
}
