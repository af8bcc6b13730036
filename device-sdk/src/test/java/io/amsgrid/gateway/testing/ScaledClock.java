package io.amsgrid.gateway.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock running {@code factor} times faster than the wall clock from {@code start}. */
public final class ScaledClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final double factor;

    public ScaledClock(Instant start, double factor) {
        this.start = start;
        this.factor = factor;
    }

    @Override
    public Instant instant() {
        return start.plusNanos((long) ((System.nanoTime() - startNanos) * factor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
