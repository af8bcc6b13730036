package io.amsgrid.local.rules;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An in-process stand-in of one SQS standard queue with a redrive policy: the queue of the batched
 * route. It is not SQS and speaks no SQS wire API (no HTTP, no receipt-handle encryption, no message
 * attributes, no 256 KB limit); it keeps the semantics the event source mapping and the batch ingest
 * handler depend on:
 * <ul>
 *   <li>a received message is invisible for the visibility timeout; it goes away only when deleted
 *       with its receipt handle, otherwise it becomes visible again when the timeout ends (also while
 *       a slow receiver still holds it, as in SQS: then it is delivered twice);</li>
 *   <li>every receive counts ({@code ApproximateReceiveCount}); a message whose visibility timeout
 *       ends after {@code maxReceiveCount} receives goes to the dead-letter list instead of back to
 *       the queue (SQS moves it when the count would exceed {@code maxReceiveCount});</li>
 *   <li>a receive long-polls: it returns as soon as at least one message is visible, or empty after
 *       the wait; no order is promised (here: first in, first out, redeliveries at the back).</li>
 * </ul>
 * A wire-level stand-in (ElasticMQ) would cost an HTTP request per send on this 2-core machine at
 * about 1,000 messages/s; the local run needs the semantics, not the wire. Thread-safe.
 */
public final class LocalSqsQueue {

    /**
     * A message as a receive returns it.
     *
     * @param messageId          unique per message (the same on every receive)
     * @param receiptHandle      unique per receive; {@link #delete(String)} takes it
     * @param body               the body as sent
     * @param sentAtMs           when it was sent (UNIX ms; SQS {@code SentTimestamp})
     * @param receiveCount       receives so far, this one included ({@code ApproximateReceiveCount})
     * @param firstReceivedAtMs  the first receive ({@code ApproximateFirstReceiveTimestamp})
     */
    public record Message(String messageId, String receiptHandle, String body, long sentAtMs, int receiveCount,
                          long firstReceivedAtMs) {
    }

    /** A message moved to the dead-letter list after {@code receiveCount} receives, none deleted. */
    public record DeadLetter(String messageId, String body, long sentAtMs, int receiveCount) {
    }

    private static final class Entry {
        final String messageId;
        final String body;
        final long sentAtMs;
        int receiveCount;
        long firstReceivedAtMs;
        String receipt;
        long invisibleUntilMs;

        Entry(String messageId, String body, long sentAtMs) {
            this.messageId = messageId;
            this.body = body;
            this.sentAtMs = sentAtMs;
        }
    }

    private final String name;
    private final long visibilityTimeoutMs;
    private final int maxReceiveCount;
    private final Consumer<DeadLetter> onDeadLetter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry> visible = new ArrayDeque<>();
    private final Map<String, Entry> receivedByReceipt = new HashMap<>();
    private final PriorityQueue<Entry> invisible = new PriorityQueue<>(Comparator.comparingLong(e -> e.invisibleUntilMs));
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long sent;
    private long deleted;
    private long wakeGeneration;

    /**
     * A queue.
     *
     * @param visibilityTimeout how long a received message stays invisible (AWS: the CDK app sets six
     *                          function timeouts, 360 s; locally shorter, so a failed item comes back soon)
     * @param maxReceiveCount   receives before the dead-letter list (the redrive policy)
     * @param onDeadLetter      told of each message moved to the dead-letter list
     */
    public LocalSqsQueue(String name, Duration visibilityTimeout, int maxReceiveCount, Consumer<DeadLetter> onDeadLetter) {
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new IllegalArgumentException("queue " + name + ": visibility timeout must be positive, was " + visibilityTimeout);
        }
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("queue " + name + ": maxReceiveCount must be >= 1, was " + maxReceiveCount);
        }
        this.name = name;
        this.visibilityTimeoutMs = visibilityTimeout.toMillis();
        this.maxReceiveCount = maxReceiveCount;
        this.onDeadLetter = onDeadLetter;
    }

    public String name() {
        return name;
    }

    public Duration visibilityTimeout() {
        return Duration.ofMillis(visibilityTimeoutMs);
    }

    /** Sends one message; returns its message id. */
    public String send(String body) {
        Entry e = new Entry(UUID.randomUUID().toString(), body, System.currentTimeMillis());
        lock.lock();
        try {
            visible.addLast(e);
            sent++;
            changed.signal();
        } finally {
            lock.unlock();
        }
        return e.messageId;
    }

    /**
     * Receives up to {@code max} visible messages, waiting up to {@code wait} for the first one; empty
     * after the wait or after {@link #wakeAll()}.
     */
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        List<DeadLetter> moved = new ArrayList<>();
        List<Message> out = new ArrayList<>();
        long deadlineMs = System.currentTimeMillis() + wait.toMillis();
        lock.lockInterruptibly();
        try {
            long generation = wakeGeneration;
            long now = System.currentTimeMillis();
            expire(now, moved);
            while (visible.isEmpty() && wakeGeneration == generation && now < deadlineMs) {
                long untilMs = deadlineMs;
                Entry next = invisible.peek();
                if (next != null) {
                    untilMs = Math.min(untilMs, next.invisibleUntilMs);
                }
                changed.await(Math.max(1, untilMs - now), TimeUnit.MILLISECONDS);
                now = System.currentTimeMillis();
                expire(now, moved);
            }
            while (out.size() < max && !visible.isEmpty()) {
                Entry e = visible.pollFirst();
                e.receiveCount++;
                if (e.receiveCount == 1) {
                    e.firstReceivedAtMs = now;
                }
                e.receipt = UUID.randomUUID().toString();
                e.invisibleUntilMs = now + visibilityTimeoutMs;
                receivedByReceipt.put(e.receipt, e);
                invisible.add(e);
                out.add(new Message(e.messageId, e.receipt, e.body, e.sentAtMs, e.receiveCount, e.firstReceivedAtMs));
            }
        } finally {
            lock.unlock();
            moved.forEach(onDeadLetter);
        }
        return out;
    }

    /** Moves every message whose visibility timeout has ended back to the queue or to the dead letters. */
    private void expire(long now, List<DeadLetter> moved) {
        while (!invisible.isEmpty() && invisible.peek().invisibleUntilMs <= now) {
            Entry e = invisible.poll();
            if (!receivedByReceipt.remove(e.receipt, e)) {
                continue; // deleted meanwhile
            }
            e.receipt = null;
            if (e.receiveCount >= maxReceiveCount) {
                DeadLetter d = new DeadLetter(e.messageId, e.body, e.sentAtMs, e.receiveCount);
                deadLetters.add(d);
                moved.add(d);
            } else {
                visible.addLast(e);
            }
        }
    }

    /**
     * Deletes the message received with {@code receiptHandle}; false when that receive is no longer
     * current (its visibility timeout ended, or it was deleted already).
     */
    public boolean delete(String receiptHandle) {
        lock.lock();
        try {
            Entry e = receivedByReceipt.remove(receiptHandle);
            if (e == null) {
                return false;
            }
            deleted++; // its entry in `invisible` is skipped when its time comes (expire)
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Makes waiting receives return now (empty if nothing is visible): for a poller that stops. */
    public void wakeAll() {
        lock.lock();
        try {
            wakeGeneration++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Messages neither deleted nor dead-lettered: visible, or received and not yet deleted. */
    public long pending() {
        lock.lock();
        try {
            return visible.size() + receivedByReceipt.size();
        } finally {
            lock.unlock();
        }
    }

    /** Messages visible now (the backlog no receiver holds). */
    public long visible() {
        lock.lock();
        try {
            return visible.size();
        } finally {
            lock.unlock();
        }
    }

    /** Received and not yet deleted (being handled, or failed and waiting for the visibility timeout). */
    public long received() {
        lock.lock();
        try {
            return receivedByReceipt.size();
        } finally {
            lock.unlock();
        }
    }

    public long sent() {
        lock.lock();
        try {
            return sent;
        } finally {
            lock.unlock();
        }
    }

    public long deleted() {
        lock.lock();
        try {
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /** The dead-letter list, oldest first. */
    public List<DeadLetter> deadLetters() {
        lock.lock();
        try {
            return List.copyOf(deadLetters);
        } finally {
            lock.unlock();
        }
    }
}
