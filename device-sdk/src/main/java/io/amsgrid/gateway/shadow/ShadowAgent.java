package io.amsgrid.gateway.shadow;

import io.amsgrid.gateway.aggregate.WindowAggregator;
import io.amsgrid.gateway.iot.IotConnection;
import io.amsgrid.gateway.json.Json;
import io.amsgrid.gateway.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
    public static final String FIELD = "sendIntervalMinutes";

    private final IotConnection connection;
    private final String prefix;
    private final IntConsumer applyInterval;
    private final Supplier<Integer> currentInterval;
    private final Supplier<Map<String, Object>> status;

    public ShadowAgent(IotConnection connection, String thing, IntConsumer applyInterval,
                       Supplier<Integer> currentInterval, Supplier<Map<String, Object>> status) {
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
        send(prefix + "get", Map.of("clientToken", UUID.randomUUID().toString()));
    }

    private void onGetRejected(byte[] payload) {
        Object n = parse(payload);
        if (Json.at(n, "code") instanceof Long code && code == 404) {
            report(currentInterval.get(), null); // no shadow yet: create it with what we run
        } else {
            LOG.warn("shadow get rejected: {}", new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** A get/accepted document (delta under state.delta) or a delta message (delta under state). */
    private void onDocument(byte[] payload, boolean fullDocument) {
        Object n = parse(payload);
        if (n == null) {
            return;
        }
        Object delta = fullDocument ? Json.at(n, "state", "delta") : Json.at(n, "state");
        Object wanted = Json.at(delta, FIELD);
        if (wanted == null) {
            if (fullDocument && !(Json.at(n, "state", "reported") instanceof Map<?, ?> r && r.containsKey(FIELD))) {
                report(currentInterval.get(), null);
            }
            return;
        }
        if (wanted instanceof Long l && l >= WindowAggregator.MIN_INTERVAL_MINUTES
                && l <= WindowAggregator.MAX_INTERVAL_MINUTES) {
            int minutes = l.intValue();
            applyInterval.accept(minutes);
            LOG.info("send interval set to {} min by the device shadow", minutes);
            report(minutes, null);
        } else {
            LOG.warn("shadow asks for send interval {}: rejected, must be a whole number of minutes 1-60", Json.write(wanted));
            Map<String, Object> rejected = new LinkedHashMap<>();
            rejected.put("value", wanted);
            rejected.put("reason", "sendIntervalMinutes must be a whole number 1-60");
            report(currentInterval.get(), rejected);
        }
    }

    private void report(int minutes, Map<String, Object> rejected) {
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put(FIELD, minutes);
        reported.put("sendIntervalRejected", rejected); // null clears it
        reported.put("status", status.get());
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("state", Map.of("reported", reported));
        req.put("clientToken", UUID.randomUUID().toString());
        send(prefix + "update", req);
    }

    private void send(String topic, Map<String, Object> body) {
        connection.publish(topic, Json.write(body).getBytes(StandardCharsets.UTF_8)).exceptionally(e -> {
            LOG.info("shadow request on {} not sent ({}); repeated at the next connect", topic, e.getMessage());
            return null;
        });
    }

    private static Object parse(byte[] p) {
        try {
            return Json.parse(new String(p, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            LOG.warn("shadow message is not JSON ({}); ignored", e.getMessage());
            return null;
        }
    }
}
