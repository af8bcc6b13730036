package io.amsgrid.gateway.iot;

import io.amsgrid.gateway.outbox.Outbox;
import io.amsgrid.gateway.outbox.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the outbox in its order (power-fail records first) with QoS1, one message in flight,
 * and removes each message only after its PUBACK. A failed or unacknowledged publish is retried
 * after the next connect; the same message may then arrive twice (QoS1 semantics), never zero
 * times. Runs on its own thread until {@link #close()}.
 */
public final class OutboxPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    /**
     * How long the loop waits for a connection or a message before it looks again. Both waits end
     * at once when what they wait for happens, and {@link #close()} interrupts them, so this only
     * bounds how stale a missed signal can get; short waits cost a wake-up per gateway each time.
     */
    private static final long IDLE_WAIT_MS = 5000;

    private final Outbox outbox;
    private final IotConnection connection;
    private final String thing;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastPublish;
    private volatile boolean closed;

    public OutboxPublisher(Outbox outbox, IotConnection connection, String thing, Clock clock) {
        this(outbox, connection, thing, clock, Thread.ofPlatform().name("outbox-publisher").daemon(true).factory());
    }

    /** As above, on a thread from {@code threads} (a virtual one when many gateways share a JVM). */
    public OutboxPublisher(Outbox outbox, IotConnection connection, String thing, Clock clock, ThreadFactory threads) {
        this.outbox = outbox;
        this.connection = connection;
        this.thing = thing;
        this.clock = clock;
        this.thread = threads.newThread(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                if (!connection.awaitConnected(IDLE_WAIT_MS)) {
                    continue;
                }
                Optional<OutboxEntry> next = outbox.awaitPeek(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                if (next.isEmpty()) {
                    continue;
                }
                OutboxEntry e = next.get();
                Optional<byte[]> payload = outbox.read(e);
                if (payload.isEmpty()) {
                    continue; // damaged: quarantined by the outbox
                }
                publishOne(e, payload.get());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                LOG.error("outbox publisher: {}", ex.toString());
                sleepQuietly(1000);
            }
        }
    }

    private void publishOne(OutboxEntry e, byte[] payload) throws InterruptedException {
        String topic = e.kind().topicFor(thing);
        try {
            PublishResult r = connection.publish(topic, payload).get(60, TimeUnit.SECONDS);
            PubAckPacket ack = r.getResultPubAck();
            PubAckPacket.PubAckReasonCode code = ack == null ? PubAckPacket.PubAckReasonCode.SUCCESS : ack.getReasonCode();
            if (code == PubAckPacket.PubAckReasonCode.SUCCESS
                    || code == PubAckPacket.PubAckReasonCode.NO_MATCHING_SUBSCRIBERS) {
                outbox.remove(e);
                published.incrementAndGet();
                lastPublish = clock.instant();
                LOG.debug("published {} #{} ({} bytes)", topic, e.seq(), payload.length);
            } else {
                failures.incrementAndGet();
                LOG.error("broker refused {} #{}: {} {} (check the thing's IoT policy); retrying in 5 s", topic,
                        e.seq(), code, ack.getReasonString() == null ? "" : ack.getReasonString());
                sleepQuietly(5000);
            }
        } catch (ExecutionException | TimeoutException ex) {
            failures.incrementAndGet();
            LOG.info("publish of {} #{} not acknowledged ({}); it stays in the outbox", topic, e.seq(),
                    ex.getCause() == null ? ex.toString() : ex.getCause().getMessage());
            sleepQuietly(200);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    public long published() {
        return published.get();
    }

    public long failures() {
        return failures.get();
    }

    public Instant lastPublish() {
        return lastPublish;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
