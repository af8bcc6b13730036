package io.amsgrid.local.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in of a Lambda event source mapping on an SQS queue with
 * {@code ReportBatchItemFailures}, reading a {@link LocalSqsQueue}. Pollers scale with the backlog
 * as Lambda's do: from {@code minPollers}, one more each time a poller handed over a full batch and
 * a full batch is still waiting (up to {@code maxPollers}); a poller that finds the queue empty
 * stops while more than {@code minPollers} run. Each poller long-polls for a first message, then
 * gathers until the batch size is reached or the maximum batching window since the first message has
 * passed, and hands the batch to the {@link BatchTarget}:
 * <ul>
 *   <li>returned normally: the messages not reported as failed are deleted; the reported ones stay
 *       and come back after the visibility timeout;</li>
 *   <li>threw, or reported an id that is not in the batch (AWS treats that as a failed response):
 *       nothing is deleted, the whole batch comes back after the visibility timeout.</li>
 * </ul>
 * After the queue's {@code maxReceiveCount} receives a message goes to its dead-letter list. A batch
 * gathered and handled for longer than the queue's visibility timeout is redelivered while still
 * being handled, as in SQS (choose the timeout well above window plus handling time). Not
 * modelled: the 6 MB payload limit per batch, the function timeout, throttling, Lambda's scaling rate
 * (here a poller is added at once).
 */
public final class LocalEventSourceMapping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventSourceMapping.class);
    /** How long one receive waits for a first message before the poller looks again whether it must stop. */
    private static final Duration POLL_WAIT = Duration.ofMillis(500);

    private final LocalSqsQueue queue;
    private final BatchTarget target;
    private final int batchSize;
    private final Duration maxBatchingWindow;
    private final int minPollers;
    private final int maxPollers;
    private final List<Thread> pollers = new ArrayList<>(); // guarded by itself; running ones only
    private final AtomicInteger pollerNames = new AtomicInteger();
    private final AtomicInteger peakPollers = new AtomicInteger();
    private volatile boolean running = true;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong messagesDelivered = new AtomicLong();
    private final AtomicLong batchFailures = new AtomicLong();
    private final AtomicLong itemFailures = new AtomicLong();

    private LocalEventSourceMapping(LocalSqsQueue queue, BatchTarget target, int batchSize, Duration maxBatchingWindow,
                                    int minPollers, int maxPollers) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1..10000, was " + batchSize);
        }
        if (maxBatchingWindow.isNegative() || maxBatchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("maximum batching window must be 0..300 s, was " + maxBatchingWindow);
        }
        if (queue.visibilityTimeout().compareTo(maxBatchingWindow) <= 0) {
            // messages received at the start of a window would come back while the batch is gathered
            throw new IllegalArgumentException("queue " + queue.name() + ": visibility timeout "
                    + queue.visibilityTimeout() + " must be longer than the batching window " + maxBatchingWindow);
        }
        if (minPollers < 1 || maxPollers > 64 || minPollers > maxPollers) {
            throw new IllegalArgumentException("pollers must be 1 <= min <= max <= 64, were " + minPollers + ".." + maxPollers);
        }
        this.queue = queue;
        this.target = target;
        this.batchSize = batchSize;
        this.maxBatchingWindow = maxBatchingWindow;
        this.minPollers = minPollers;
        this.maxPollers = maxPollers;
        synchronized (pollers) {
            for (int i = 0; i < minPollers; i++) {
                startPoller();
            }
        }
    }

    /** Starts one more poller; the caller holds {@code pollers}. */
    private void startPoller() {
        Thread t = new Thread(this::poll, "local-sqs-poller-" + pollerNames.incrementAndGet());
        t.setDaemon(true);
        pollers.add(t);
        peakPollers.accumulateAndGet(pollers.size(), Math::max);
        t.start();
    }

    /** After a full batch: one more poller if a full batch is still waiting and fewer than the maximum run. */
    private void scaleUp() {
        synchronized (pollers) {
            if (running && pollers.size() < maxPollers && queue.visible() >= batchSize) {
                startPoller();
            }
        }
    }

    /** After an empty receive: true if this poller stops (more than the minimum run). */
    private boolean retire() {
        synchronized (pollers) {
            if (pollers.size() > minPollers) {
                pollers.remove(Thread.currentThread());
                return true;
            }
            return false;
        }
    }

    /**
     * Starts {@code pollers} pollers on {@code queue}, never more or fewer.
     *
     * @param batchSize         at most this many messages per batch (the mapping's {@code BatchSize})
     * @param maxBatchingWindow how long a poller gathers after the first message ({@code MaximumBatchingWindowInSeconds})
     */
    public static LocalEventSourceMapping start(LocalSqsQueue queue, BatchTarget target, int batchSize,
                                                Duration maxBatchingWindow, int pollers) {
        return new LocalEventSourceMapping(queue, target, batchSize, maxBatchingWindow, pollers, pollers);
    }

    /** As {@link #start(LocalSqsQueue, BatchTarget, int, Duration, int)}, scaling from {@code minPollers} to {@code maxPollers} with the backlog. */
    public static LocalEventSourceMapping start(LocalSqsQueue queue, BatchTarget target, int batchSize,
                                                Duration maxBatchingWindow, int minPollers, int maxPollers) {
        return new LocalEventSourceMapping(queue, target, batchSize, maxBatchingWindow, minPollers, maxPollers);
    }

    private void poll() {
        try {
            while (running) {
                List<LocalSqsQueue.Message> batch = new ArrayList<>(queue.receive(batchSize, POLL_WAIT));
                if (batch.isEmpty()) {
                    if (retire()) {
                        return;
                    }
                    continue;
                }
                long windowEnd = System.nanoTime() + maxBatchingWindow.toNanos();
                while (batch.size() < batchSize && running) {
                    long leftNanos = windowEnd - System.nanoTime();
                    if (leftNanos <= 0) {
                        break;
                    }
                    batch.addAll(queue.receive(batchSize - batch.size(), Duration.ofNanos(leftNanos)));
                }
                deliver(batch); // also when stopping: what was received is handed over, not left to time out
                if (batch.size() == batchSize) {
                    scaleUp();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(List<LocalSqsQueue.Message> batch) {
        batches.incrementAndGet();
        messagesDelivered.addAndGet(batch.size());
        Collection<String> failed;
        try {
            failed = target.handle(List.copyOf(batch));
        } catch (Exception e) {
            batchFailures.incrementAndGet();
            LOG.warn("queue {}: batch of {} failed ({}); the whole batch comes back after the visibility timeout",
                    queue.name(), batch.size(), e.toString());
            return;
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failedIds = failed == null ? Set.of() : new HashSet<>(failed);
        if (!ids.containsAll(failedIds)) {
            batchFailures.incrementAndGet();
            LOG.warn("queue {}: the batch response names messages not in the batch ({}); the whole batch of {} comes back",
                    queue.name(), failedIds.stream().filter(id -> !ids.contains(id)).limit(3).toList(), batch.size());
            return;
        }
        itemFailures.addAndGet(failedIds.size());
        for (LocalSqsQueue.Message m : batch) {
            if (!failedIds.contains(m.messageId())) {
                queue.delete(m.receiptHandle());
            }
        }
    }

    /** Pollers running now. */
    public int pollers() {
        synchronized (pollers) {
            return pollers.size();
        }
    }

    /** The most pollers that ran at once. */
    public int peakPollers() {
        return peakPollers.get();
    }

    /** Batches handed to the target so far. */
    public long batches() {
        return batches.get();
    }

    /** Messages handed to the target so far (redeliveries counted again). */
    public long messagesDelivered() {
        return messagesDelivered.get();
    }

    /** Batches that failed as a whole (exception or an invalid batch response). */
    public long batchFailures() {
        return batchFailures.get();
    }

    /** Messages reported as failed items. */
    public long itemFailures() {
        return itemFailures.get();
    }

    /** Stops the pollers; a batch being gathered or handled is finished first (up to 30 s). */
    @Override
    public void close() {
        running = false;
        queue.wakeAll();
        List<Thread> toJoin;
        synchronized (pollers) {
            toJoin = List.copyOf(pollers);
        }
        for (Thread t : toJoin) {
            try {
                t.join(30_000);
                if (t.isAlive()) {
                    LOG.warn("queue {}: poller {} still busy after 30 s; left running (daemon)", queue.name(), t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
