package io.amsgrid.localrun;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The end of a local run: waits until nothing is pending between the meters and DynamoDB (frames
 * unread in in-memory pipes, messages in gateway outboxes, events queued or running in the rules
 * engine), as long as the backlog keeps shrinking. A run the machine could not keep up with may
 * leave a long backlog: the wait gives up after {@link #STALL} without progress or after
 * {@link #MAX_WAIT} in all, and says what was left (it is not lost, only not yet stored).
 */
final class Drain {
    static final Duration STALL = Duration.ofSeconds(60);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    /** What is still pending. */
    record Pending(long outbox, long unreadFrames, long rulesInFlight) {
        long total() {
            return outbox + unreadFrames + rulesInFlight;
        }

        boolean isEmpty() {
            return total() == 0;
        }

        String describe() {
            return String.format("%d messages in gateway outboxes, %d events in the rules engine, %d frames unread",
                    outbox, rulesInFlight, unreadFrames);
        }
    }

    private final PrintStream out;
    private final BooleanSupplier stopRequested;
    private final Duration stall;
    private final Duration maxWait;
    private final Duration settle;

    Drain(PrintStream out, BooleanSupplier stopRequested) {
        this(out, stopRequested, STALL, MAX_WAIT, Duration.ofSeconds(1));
    }

    Drain(PrintStream out, BooleanSupplier stopRequested, Duration stall, Duration maxWait, Duration settle) {
        this.out = out;
        this.stopRequested = stopRequested;
        this.stall = stall;
        this.maxWait = maxWait;
        this.settle = settle;
    }

    /** Waits as described above; returns what is left (empty when drained). */
    Pending await(Supplier<Pending> pending) {
        long start = System.nanoTime();
        long lastProgress = start;
        long nextReport = start + REPORT_EVERY.toNanos();
        Pending p = pending.get();
        long least = p.total();
        boolean confirmed = false; // empty twice, a settle interval apart (a message may be between broker and rules)
        while (!confirmed && !stopRequested.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            if (p.isEmpty()) {
                sleep(settle);
                p = pending.get();
                confirmed = p.isEmpty();
                if (!confirmed) {
                    least = p.total();
                    lastProgress = System.nanoTime();
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - lastProgress > stall.toNanos() || now - start > maxWait.toNanos()) {
                return p;
            }
            if (now > nextReport) {
                out.printf("draining: %s%n", p.describe());
                nextReport = now + REPORT_EVERY.toNanos();
            }
            sleep(Duration.ofMillis(100));
            p = pending.get();
            if (p.total() < least) {
                least = p.total();
                lastProgress = System.nanoTime();
            }
        }
        return p;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
