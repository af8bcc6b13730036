package io.amsgrid.fleet.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A short-lived MQTT 5 session over mutual TLS with the AWS IoT Device SDK (the claim-certificate
 * session of self-registration, the operator's shadow session in local mode): connect, subscribe,
 * publish with QoS1, and request/response on the AWS reserved topics ({@code .../accepted},
 * {@code .../rejected}).
 */
public final class MqttSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where to connect and with which certificate; the key path is never logged. */
    public record Endpoint(String host, int port, Path certificate, Path privateKey, Path caCertificate) {
    }

    private final Mqtt5Client client;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();

    private record Handler(String filter, BiConsumer<String, byte[]> consumer) {
    }

    private MqttSession(Endpoint e, String clientId) {
        AwsIotMqtt5ClientBuilder b = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(e.host(),
                e.certificate().toString(), e.privateKey().toString());
        try {
            b.withCertificateAuthorityFromPath(null, e.caCertificate().toString());
            b.withPort((long) e.port());
            b.withConnectProperties(new ConnectPacket.ConnectPacketBuilder().withClientId(clientId));
            b.withSessionBehavior(Mqtt5ClientOptions.ClientSessionBehavior.CLEAN);
            b.withLifeCycleEvents(new Mqtt5ClientOptions.LifecycleEvents() {
                @Override
                public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn r) {
                }

                @Override
                public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn r) {
                    connected.complete(null);
                }

                @Override
                public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn r) {
                    connected.completeExceptionally(new FleetException(FleetError.REJECTED, "cannot connect to "
                            + e.host() + ":" + e.port() + ": " + CRT.awsErrorName(r.getErrorCode())));
                }

                @Override
                public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn r) {
                }

                @Override
                public void onStopped(Mqtt5Client c, OnStoppedReturn r) {
                }
            });
            b.withPublishEvents((c, r) -> {
                PublishPacket p = r.getPublishPacket();
                byte[] payload = p.getPayload() == null ? new byte[0] : p.getPayload();
                for (Handler h : handlers) {
                    if (matches(h.filter(), p.getTopic())) {
                        h.consumer().accept(p.getTopic(), payload);
                    }
                }
            });
            client = b.build();
        } finally {
            b.close();
        }
    }

    /** Connects (waiting up to {@code timeout}) as {@code clientId}. */
    public static MqttSession connect(Endpoint e, String clientId, Duration timeout) {
        MqttSession s = new MqttSession(e, clientId);
        s.client.start();
        try {
            s.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException ex) {
            s.close();
            throw new FleetException(FleetError.TIMEOUT, "no connection to " + e.host() + ":" + e.port() + " within "
                    + timeout.toSeconds() + " s");
        } catch (Exception ex) {
            s.close();
            Throwable c = ex.getCause() == null ? ex : ex.getCause();
            throw c instanceof FleetException fe ? fe : new FleetException(FleetError.REJECTED, c.getMessage(), c);
        }
        return s;
    }

    /** Subscribes with QoS1 and waits for the SUBACK; {@code consumer} runs on the CRT thread (must not block). */
    public void subscribe(String filter, BiConsumer<String, byte[]> consumer) {
        handlers.add(new Handler(filter, consumer));
        try {
            client.subscribe(new SubscribePacket.SubscribePacketBuilder().withSubscription(filter, QOS.AT_LEAST_ONCE)
                    .build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FleetException(FleetError.REJECTED, "subscribe to " + filter + " failed: " + e.getMessage(), e);
        }
    }

    /** Publishes with QoS1 and waits for the PUBACK. */
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(new PublishPacket.PublishPacketBuilder().withTopic(topic).withQOS(QOS.AT_LEAST_ONCE)
                    .withPayload(payload).build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FleetException(FleetError.TIMEOUT, "publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes {@code body} to {@code topic} and waits for {@code topic/accepted} (returned) or
     * {@code topic/rejected} (thrown as {@link FleetError#REJECTED} with the error text). The
     * response topics are subscribed before publishing, as the AWS API requires.
     */
    public JsonNode request(String topic, JsonNode body, Duration timeout) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        subscribe(topic + "/accepted", (t, p) -> answer.complete(parse(p)));
        subscribe(topic + "/rejected", (t, p) -> answer.completeExceptionally(new FleetException(FleetError.REJECTED,
                "rejected on " + topic + ": " + new String(p, java.nio.charset.StandardCharsets.UTF_8))));
        try {
            publish(topic, JSON.writeValueAsBytes(body));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new FleetException(FleetError.TIMEOUT, "no answer on " + topic + "/accepted within "
                    + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof FleetException fe ? fe
                    : new FleetException(FleetError.SERVICE, e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException(FleetError.TIMEOUT, "interrupted");
        } finally {
            handlers.removeIf(h -> h.filter().equals(topic + "/accepted") || h.filter().equals(topic + "/rejected"));
        }
    }

    private static JsonNode parse(byte[] p) {
        try {
            return JSON.readTree(p);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparsed", new String(p, java.nio.charset.StandardCharsets.UTF_8));
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
    public void close() {
        try {
            client.stop(null);
        } catch (RuntimeException e) {
            // already stopped
        }
        client.close();
    }
}
