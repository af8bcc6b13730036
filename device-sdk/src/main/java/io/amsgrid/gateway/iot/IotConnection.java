package io.amsgrid.gateway.iot;

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
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The gateway's MQTT 5 connection to AWS IoT Core over mutual TLS, with the AWS IoT Device SDK v2
 * (AC3, AC4): client id = thing name, clean session, QoS1. Unacknowledged publishes fail when the
 * connection drops (the durable outbox, not the client, holds what is still to be sent).
 * Callbacks run on one gateway thread, never on the CRT event loop, so they may block.
 */
public final class IotConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IotConnection.class);

    /** Where and who: endpoint, port, certificate, key and CA paths. The key is never logged. */
    public record Settings(String endpoint, int port, String clientId, Path certificate, Path privateKey,
                          Path caCertificate, ReconnectPolicy reconnect) {
    }

    private final Settings settings;
    private volatile Mqtt5Client client;
    private volatile Lifecycle current;
    private final ExecutorService callbacks;
    private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String lastError = "";

    private record Subscription(String filter, BiConsumer<String, byte[]> handler) {
    }

    /** Callbacks on a thread of its own ({@code iot-callbacks}). */
    public IotConnection(Settings s) {
        this(s, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "iot-callbacks");
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * Callbacks on {@code callbacks}, which must run them one at a time in order (a single-thread
     * executor); it is shut down by {@link #close()}.
     */
    public IotConnection(Settings s, ExecutorService callbacks) {
        this.settings = s;
        this.callbacks = callbacks;
        this.client = build(s, s.certificate(), s.privateKey());
        LOG.info("IoT connection to {}:{} as {} (certificate {})", s.endpoint(), s.port(), s.clientId(), s.certificate());
    }

    private Mqtt5Client build(Settings s, Path certificate, Path privateKey) {
        Lifecycle lifecycle = new Lifecycle();
        current = lifecycle;
        AwsIotMqtt5ClientBuilder b = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(s.endpoint(),
                certificate.toString(), privateKey.toString());
        try {
            b.withCertificateAuthorityFromPath(null, s.caCertificate().toString());
            b.withPort((long) s.port());
            b.withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(s.clientId())
                    .withKeepAliveIntervalSeconds(60L));
            b.withSessionBehavior(Mqtt5ClientOptions.ClientSessionBehavior.CLEAN);
            b.withOfflineQueueBehavior(Mqtt5ClientOptions.ClientOfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT);
            b.withAckTimeoutSeconds(30L);
            s.reconnect().applyTo(b);
            b.withLifeCycleEvents(lifecycle);
            b.withPublishEvents((c, r) -> {
                PublishPacket p = r.getPublishPacket();
                byte[] payload = p.getPayload() == null ? new byte[0] : p.getPayload();
                for (Subscription sub : subscriptions) {
                    if (matches(sub.filter(), p.getTopic())) {
                        callbacks.execute(() -> sub.handler().accept(p.getTopic(), payload));
                    }
                }
            });
            return b.build();
        } finally {
            b.close();
        }
    }

    /**
     * Certificate rotation hook: stops the current MQTT client and connects again with another
     * certificate and key (same endpoint, client id, subscriptions and connect callbacks).
     * Publishes in flight on the old client fail and stay in the outbox, so nothing is lost.
     */
    public synchronized void switchCertificate(Path certificate, Path privateKey) {
        Mqtt5Client old = client;
        Mqtt5Client next = build(settings, certificate, privateKey); // events of the old client are ignored from now
        try {
            old.stop(null);
        } catch (RuntimeException e) {
            LOG.debug("stop: {}", e.toString());
        }
        old.close();
        client = next;
        setState(ConnectionState.CONNECTING);
        next.start();
        LOG.info("IoT connection switched to certificate {}", certificate);
    }

    private final class Lifecycle implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
            if (current == this) {
                setState(ConnectionState.CONNECTING);
            }
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
            if (current != this) {
                return;
            }
            LOG.info("connected to AWS IoT");
            setState(ConnectionState.CONNECTED);
            for (Subscription s : subscriptions) {
                client.subscribe(new SubscribePacket.SubscribePacketBuilder().withSubscription(s.filter(),
                        QOS.AT_LEAST_ONCE).build());
            }
            for (Runnable cb : onConnected) {
                callbacks.execute(cb);
            }
        }

        @Override
        public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
            if (current != this) {
                return;
            }
            String error = CRT.awsErrorName(r.getErrorCode());
            if (!error.equals(lastError)) {
                LOG.warn("cannot connect to AWS IoT: {} ({}); retrying with backoff", error,
                        CRT.awsErrorString(r.getErrorCode()));
            }
            lastError = error;
            setState(ConnectionState.DISCONNECTED);
        }

        @Override
        public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
            if (current != this) {
                return;
            }
            if (state == ConnectionState.CONNECTED && !CRT.awsErrorName(r.getErrorCode()).contains("USER_REQUESTED")) {
                LOG.warn("disconnected from AWS IoT: {}; reconnecting", CRT.awsErrorName(r.getErrorCode()));
            }
            setState(ConnectionState.DISCONNECTED);
        }

        @Override
        public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
            if (current != this) {
                return;
            }
            setState(ConnectionState.STOPPED);
        }
    }

    private void setState(ConnectionState s) {
        synchronized (stateLock) {
            state = s;
            if (s == ConnectionState.CONNECTED) {
                lastError = "";
            }
            stateLock.notifyAll();
        }
    }

    /** Starts connecting (and reconnecting, until {@link #close()}). */
    public void start() {
        client.start();
    }

    /** Runs {@code r} after every successful connect (on the callback thread). */
    public void onConnected(Runnable r) {
        onConnected.add(r);
    }

    /** Subscribes now (if connected) and after every reconnect; the handler runs on the callback thread. */
    public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
        subscriptions.add(new Subscription(filter, handler));
        if (state == ConnectionState.CONNECTED) {
            client.subscribe(new SubscribePacket.SubscribePacketBuilder().withSubscription(filter, QOS.AT_LEAST_ONCE)
                    .build());
        }
    }

    /** Publishes with QoS1; the future completes with the PUBACK, or fails on a dropped connection. */
    public CompletableFuture<PublishResult> publish(String topic, byte[] payload) {
        return client.publish(new PublishPacket.PublishPacketBuilder().withTopic(topic).withQOS(QOS.AT_LEAST_ONCE)
                .withPayload(payload).build());
    }

    public ConnectionState state() {
        return state;
    }

    /** Waits until connected or {@code timeoutMs} passed; returns whether connected. */
    public boolean awaitConnected(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        synchronized (stateLock) {
            while (state != ConnectionState.CONNECTED) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                stateLock.wait(left);
            }
            return true;
        }
    }

    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Override
    public synchronized void close() {
        try {
            client.stop(null);
        } catch (RuntimeException e) {
            LOG.debug("stop: {}", e.toString());
        }
        client.close();
        callbacks.shutdown();
    }
}
