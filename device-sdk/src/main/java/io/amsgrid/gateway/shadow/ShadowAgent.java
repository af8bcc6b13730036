package io.amsgrid.gateway.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.gateway.aggregate.WindowAggregator;
import io.amsgrid.gateway.iot.IotConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Remote configuration through the thing's classic device shadow (AC6), on the AWS shadow MQTT
 * topics {@code $aws/things/<thing>/shadow/...}:
 * <ul>
 *   <li>after every connect it subscribes to {@code get/accepted}, {@code get/rejected} and
 *       {@code update/delta} and publishes {@code get}: a change made while the gateway was offline
 *       arrives as {@code state.delta} of the document;</li>
 *   <li>{@code desired.sendIntervalMinutes} (a whole number 1-60) is applied to the aggregation and
 *       reported back as {@code reported.sendIntervalMinutes};</li>
 *   <li>a value out of range (or not a whole number) is not applied; the gateway reports
 *       {@code reported.sendIntervalRejected = {"value": ..., "reason": ...}} and keeps its interval;
 *       {@code sendIntervalRejected} is cleared (null) once a good value is applied;</li>
 *   <li>with each report it adds {@code reported.status} (outbox depth, rejects, last publish).</li>
 * </ul>
 */
public final class ShadowAgent {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowAgent.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FIELD = "sendIntervalMinutes";

    private final IotConnection connection;
    private final String prefix;
    private final IntConsumer applyInterval;
    private final Supplier<Integer> currentInterval;
    private final Supplier<ObjectNode> status;

    public ShadowAgent(IotConnection connection, String thing, IntConsumer applyInterval,
                       Supplier<Integer> currentInterval, Supplier<ObjectNode> status) {
        this.connection = connection;
        this.prefix = "$aws/things/" + thing + "/shadow/";
        this.applyInterval = applyInterval;
        this.currentInterval = currentInterval;
        this.status = status;
    }

    /** Registers the subscriptions and the request on every connect. Call before the connection starts. */
    public void start() {
        connection.subscribe(prefix + "get/accepted", (t, p) -> onDocument(p, true));
        connection.subscribe(prefix + "get/rejected", (t, p) -> onGetRejected(p));
        connection.subscribe(prefix + "update/delta", (t, p) -> onDocument(p, false));
        connection.subscribe(prefix + "update/rejected", (t, p) ->
                LOG.warn("shadow update rejected: {}", new String(p, java.nio.charset.StandardCharsets.UTF_8)));
        connection.onConnected(this::requestDocument);
    }

    private void requestDocument() {
        ObjectNode req = JSON.createObjectNode().put("clientToken", UUID.randomUUID().toString());
        send(prefix + "get", req);
    }

    private void onGetRejected(byte[] payload) {
        JsonNode n = parse(payload);
        if (n != null && n.path("code").asInt() == 404) {
            report(currentInterval.get(), null); // no shadow yet: create it with what we run
        } else {
            LOG.warn("shadow get rejected: {}", n);
        }
    }

    /** A get/accepted document (delta under state.delta) or a delta message (delta under state). */
    private void onDocument(byte[] payload, boolean fullDocument) {
        JsonNode n = parse(payload);
        if (n == null) {
            return;
        }
        JsonNode delta = fullDocument ? n.path("state").path("delta") : n.path("state");
        JsonNode wanted = delta.get(FIELD);
        if (wanted == null) {
            if (fullDocument && !n.path("state").path("reported").has(FIELD)) {
                report(currentInterval.get(), null);
            }
            return;
        }
        if (wanted.isIntegralNumber() && wanted.asInt() >= WindowAggregator.MIN_INTERVAL_MINUTES
                && wanted.asInt() <= WindowAggregator.MAX_INTERVAL_MINUTES) {
            int minutes = wanted.asInt();
            applyInterval.accept(minutes);
            LOG.info("send interval set to {} min by the device shadow", minutes);
            report(minutes, null);
        } else {
            LOG.warn("shadow asks for send interval {}: rejected, must be a whole number of minutes 1-60", wanted);
            ObjectNode rejected = JSON.createObjectNode();
            rejected.set("value", wanted);
            rejected.put("reason", "sendIntervalMinutes must be a whole number 1-60");
            report(currentInterval.get(), rejected);
        }
    }

    private void report(int minutes, ObjectNode rejected) {
        ObjectNode req = JSON.createObjectNode();
        ObjectNode reported = req.putObject("state").putObject("reported");
        reported.put(FIELD, minutes);
        if (rejected == null) {
            reported.putNull("sendIntervalRejected");
        } else {
            reported.set("sendIntervalRejected", rejected);
        }
        reported.set("status", status.get());
        req.put("clientToken", UUID.randomUUID().toString());
        send(prefix + "update", req);
    }

    private void send(String topic, ObjectNode body) {
        try {
            connection.publish(topic, JSON.writeValueAsBytes(body)).exceptionally(e -> {
                LOG.info("shadow request on {} not sent ({}); repeated at the next connect", topic, e.getMessage());
                return null;
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] p) {
        try {
            return JSON.readTree(p);
        } catch (IOException e) {
            LOG.warn("shadow message is not JSON; ignored");
            return null;
        }
    }
}
