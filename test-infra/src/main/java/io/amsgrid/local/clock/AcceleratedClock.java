package io.amsgrid.local.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time running {@code speed} times faster than the wall clock from {@code start}: the
 * clock that simulated meters and the gateways of an accelerated local run share, so that
 * aggregation windows, hourly lists and timestamps are those of the simulated day.
 */
public final class AcceleratedClock extends Clock {
    private final Instant start;
    private final double speed;
    private volatile long originNanos;
    private final ZoneId zone;

    private AcceleratedClock(Instant start, double speed, long originNanos, ZoneId zone) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, not " + speed);
        }
        this.start = start;
        this.speed = speed;
        this.originNanos = originNanos;
        this.zone = zone;
    }

    /** A clock that reads {@code start} now and then runs {@code speed} times faster. */
    public static AcceleratedClock startingAt(Instant start, double speed) {
        return new AcceleratedClock(start, speed, System.nanoTime(), ZoneOffset.UTC);
    }

    /**
     * A clock that stands still at {@code start} until {@link #start()}: lets a run set up its
     * meters and gateways before simulated time begins to pass.
     */
    public static AcceleratedClock paused(Instant start, double speed) {
        return new AcceleratedClock(start, speed, Long.MIN_VALUE, ZoneOffset.UTC);
    }

    /** Lets a {@link #paused} clock run from now on; no effect on a running clock. */
    public synchronized void start() {
        if (originNanos == Long.MIN_VALUE) {
            originNanos = System.nanoTime();
        }
    }

    public double speed() {
        return speed;
    }

    /** Simulated time elapsed since the start. */
    public Duration elapsed() {
        return Duration.between(start, instant());
    }

    /** The wall-clock duration that {@code simulated} takes at this speed. */
    public Duration wallTimeFor(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    /**
     * Sleeps until the simulated time reaches {@code t} (returns at once if it has); on return
     * {@link #instant()} is not before {@code t}.
     */
    public void sleepUntil(Instant t) throws InterruptedException {
        long waitNanos = (long) (Duration.between(instant(), t).toNanos() / speed);
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
        while (instant().isBefore(t)) {
            Thread.sleep(Duration.ofNanos(20_000)); // the wait above is rounded to whole wall nanoseconds
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        throw new UnsupportedOperationException("an accelerated clock keeps UTC; convert instants instead");
    }

    @Override
    public Instant instant() {
        long origin = originNanos;
        if (origin == Long.MIN_VALUE) {
            return start;
        }
        long elapsed = (long) ((System.nanoTime() - origin) * speed);
        return start.plusNanos(elapsed);
    }
}
