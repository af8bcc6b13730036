package io.amsgrid.localrun.feed;

import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.SimulatedMeter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives many simulated meters into their {@link MemoryPipe}s from one thread, in simulated time
 * order: each frame is sent when the accelerated clock reaches its time (frames due at the same
 * instant go out back to back). One thread instead of one per meter keeps a thousand meters cheap;
 * if it falls behind, every meter falls behind alike and the {@link ClockLag} shows it.
 */
public final class MemoryFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryFeed.class);
    private static final Duration STEP = Duration.ofMinutes(1);

    /** One meter and the line it sends on. */
    public record Line(SimulatedMeter meter, MemoryPipe pipe) {
    }

    private static final class Cursor {
        final Line line;
        final Deque<SimulatedMeter.Frame> frames = new ArrayDeque<>();
        Instant fetchedUntil;

        Cursor(Line line, Instant from) {
            this.line = line;
            this.fetchedUntil = from;
        }

        /** Refills from the meter up to one more step (not past {@code end}); false when done. */
        boolean fill(Instant end) {
            while (frames.isEmpty() && fetchedUntil.isBefore(end)) {
                Instant until = fetchedUntil.plus(STEP).isBefore(end) ? fetchedUntil.plus(STEP) : end;
                frames.addAll(line.meter().framesUntil(until));
                fetchedUntil = until;
            }
            return !frames.isEmpty();
        }
    }

    private final Thread thread;
    private final AtomicLong framesSent = new AtomicLong();
    private volatile boolean stopped;

    private MemoryFeed(List<Line> lines, AcceleratedClock clock, Instant from, Instant end) {
        this.thread = Thread.ofPlatform().name("memory-feed").daemon(true).unstarted(() -> run(lines, clock, from, end));
    }

    /**
     * Starts sending every line's frames due from {@code from} (the meters' start) up to {@code end},
     * each when the clock reaches its time (at once for those already due).
     */
    public static MemoryFeed start(List<Line> lines, AcceleratedClock clock, Instant from, Instant end) {
        MemoryFeed feed = new MemoryFeed(lines, clock, from, end);
        feed.thread.start();
        return feed;
    }

    private void run(List<Line> lines, AcceleratedClock clock, Instant from, Instant end) {
        PriorityQueue<Cursor> due = new PriorityQueue<>(Comparator.comparing((Cursor c) -> c.frames.peekFirst().time()));
        for (Line l : lines) {
            Cursor c = new Cursor(l, from);
            if (c.fill(end)) {
                due.add(c);
            }
        }
        try {
            while (!stopped && !due.isEmpty()) {
                Cursor c = due.poll();
                SimulatedMeter.Frame f = c.frames.pollFirst();
                clock.sleepUntil(f.time());
                if (stopped) {
                    return;
                }
                c.line.pipe().send(f);
                framesSent.incrementAndGet();
                if (c.fill(end)) {
                    due.add(c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the in-memory meter feed stopped: {}", e.toString());
        }
    }

    public long framesSent() {
        return framesSent.get();
    }

    /** Waits until every frame up to the end instant is sent. */
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
