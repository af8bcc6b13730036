package io.amsgrid.local.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test-side MQTT 5 client over mutual TLS, built with the real AWS IoT Device SDK: what a cloud
 * subscriber (an IoT rule, a test) or the shadow service sees. With {@code persistentSession} the
 * broker keeps its subscriptions and queues QoS1 messages while it is offline (also across a
 * broker restart, as {@link LocalBroker} persists sessions), so nothing is missed during an outage.
 * Subscriptions are renewed after every reconnect without a session.
 */
public final class LocalMqttClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMqttClient.class);

    /** A received message. */
    public record Message(String topic, byte[] payload, Instant receivedAt) {
    }

    private final Mqtt5Client client;
    private final List<String> filters = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile Consumer<Message> listener;
    private volatile int lastError;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mqtt-test-client-dispatch");
        t.setDaemon(true);
        return t;
    });

    private LocalMqttClient(LocalBroker broker, LocalCa.Issued cert, String clientId, boolean persistentSession) {
        AwsIotMqtt5ClientBuilder b = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(broker.host(),
                cert.certificate().toString(), cert.privateKey().toString());
        try {
            b.withCertificateAuthorityFromPath(null, broker.ca().caCertificate().toString());
            b.withPort((long) broker.port());
            b.withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(clientId)
                    .withSessionExpiryIntervalSeconds(persistentSession ? 3600L : 0L));
            b.withSessionBehavior(persistentSession ? Mqtt5ClientOptions.ClientSessionBehavior.REJOIN_ALWAYS
                    : Mqtt5ClientOptions.ClientSessionBehavior.CLEAN);
            b.withMinReconnectDelayMs(100L).withMaxReconnectDelayMs(1000L);
            b.withLifeCycleEvents(new Lifecycle());
            b.withPublishEvents((c, r) -> {
                PublishPacket p = r.getPublishPacket();
                Message m = new Message(p.getTopic(), p.getPayload() == null ? new byte[0] : p.getPayload(), Instant.now());
                Consumer<Message> l = listener;
                if (l != null) {
                    dispatcher.execute(() -> l.accept(m)); // never block the CRT event loop
                } else {
                    inbox.add(m);
                }
            });
            client = b.build();
        } finally {
            b.close();
        }
    }

    /** Connects (waiting up to 10 s) as {@code clientId} with the certificate {@code cert}. */
    public static LocalMqttClient connect(LocalBroker broker, LocalCa.Issued cert, String clientId,
                                          boolean persistentSession) {
        LocalMqttClient c = new LocalMqttClient(broker, cert, clientId, persistentSession);
        c.client.start();
        try {
            c.firstConnect.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            c.close();
            String last = c.lastError == 0 ? e.toString()
                    : "connection failed, last CRT error " + c.lastError + " (" + CRT.awsErrorName(c.lastError) + ")";
            throw new IllegalStateException("cannot connect " + clientId + " to the local broker within 10 s: " + last, e);
        }
        return c;
    }

    private final class Lifecycle implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
            if (!r.getConnAckPacket().getSessionPresent()) {
                for (String f : filters) {
                    client.subscribe(new SubscribePacket.SubscribePacketBuilder()
                            .withSubscription(f, QOS.AT_LEAST_ONCE).build());
                }
            }
            firstConnect.complete(null);
        }

        @Override
        public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
            // The client tries again by itself (100 ms - 1 s), so a single refused attempt is not a
            // failure (seen right after a broker restart on a loaded machine: FaultsIT's flood
            // client got AWS_IO_SOCKET_CONNECTION_REFUSED once); connect() reports the last error if
            // no attempt succeeds within its time.
            LOG.debug("test client connection failed: {}", r.getErrorCode());
            lastError = r.getErrorCode();
        }

        @Override
        public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
        }

        @Override
        public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
        }
    }

    /** Sends every message to {@code l} instead of the inbox queue. */
    public void onMessage(Consumer<Message> l) {
        this.listener = l;
    }

    /** Subscribes with QoS1 (and again after a reconnect without session). */
    public void subscribe(String filter) {
        filters.add(filter);
        subscribeNow(filter);
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(new SubscribePacket.SubscribePacketBuilder().withSubscription(filter, QOS.AT_LEAST_ONCE)
                    .build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("subscribe to {} failed: {}", filter, e.toString());
        }
    }

    /** Publishes with QoS1 and waits for the PUBACK. */
    public void publish(String topic, byte[] payload) {
        try {
            PublishResult r = client.publish(new PublishPacket.PublishPacketBuilder().withTopic(topic)
                    .withQOS(QOS.AT_LEAST_ONCE).withPayload(payload).build()).get(10, TimeUnit.SECONDS);
            PubAckPacket ack = r.getResultPubAck();
            if (ack != null && ack.getReasonCode() != PubAckPacket.PubAckReasonCode.SUCCESS
                    && ack.getReasonCode() != PubAckPacket.PubAckReasonCode.NO_MATCHING_SUBSCRIBERS) {
                throw new IllegalStateException("publish to " + topic + " refused: " + ack.getReasonCode());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed: " + e, e);
        }
    }

    /** Received messages, in arrival order (unless a listener is set). */
    public BlockingQueue<Message> inbox() {
        return inbox;
    }

    @Override
    public void close() {
        try {
            client.stop(null);
        } catch (RuntimeException e) {
            LOG.debug("stop: {}", e.toString());
        }
        client.close();
        dispatcher.shutdown();
    }
}
