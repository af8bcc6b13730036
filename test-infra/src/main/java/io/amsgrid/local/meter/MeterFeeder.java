package io.amsgrid.local.meter;

import io.amsgrid.local.clock.AcceleratedClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Pushes one simulated meter's frames into a byte stream (the meter end of a pseudo-terminal) at
 * the simulated cadence of an {@link AcceleratedClock}, on its own thread, until the end instant
 * or {@link #close()}.
 */
public final class MeterFeeder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeterFeeder.class);
    /** How far ahead frames are taken from the meter: a feeder closed early drops at most this much. */
    private static final Duration STEP = Duration.ofSeconds(5);

    private final Thread thread;
    private final AtomicLong framesSent = new AtomicLong();
    private volatile boolean stopped;
    private volatile Exception failure;

    private MeterFeeder(SimulatedMeter meter, OutputStream out, AcceleratedClock clock, Instant end,
                        Consumer<SimulatedMeter.Frame> onSent) {
        this.thread = Thread.ofVirtual().name("meter-" + meter.meterId()).unstarted(() -> {
            try (out) {
                Instant from = clock.instant();
                while (!stopped && from.isBefore(end)) {
                    Instant until = from.plus(STEP).isBefore(end) ? from.plus(STEP) : end;
                    for (SimulatedMeter.Frame f : meter.framesUntil(until)) {
                        clock.sleepUntil(f.time());
                        if (stopped) {
                            return;
                        }
                        out.write(f.bytes());
                        out.flush();
                        framesSent.incrementAndGet();
                        onSent.accept(f);
                    }
                    from = until;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                failure = e;
                LOG.warn("meter {} stopped: cannot write to its port: {}", meter.meterId(), e.getMessage());
            }
        });
    }

    /** Starts feeding; {@code onSent} is called after each frame is written. */
    public static MeterFeeder start(SimulatedMeter meter, OutputStream out, AcceleratedClock clock, Instant end,
                                    Consumer<SimulatedMeter.Frame> onSent) {
        MeterFeeder f = new MeterFeeder(meter, out, clock, end, onSent);
        f.thread.start();
        return f;
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** The write error that stopped this feeder, if one did. */
    public Exception failure() {
        return failure;
    }

    /** Waits until every frame up to the end instant is written. */
    public void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
