package io.amsgrid.local.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in of the AWS IoT Device Shadow service for classic (unnamed) shadows, speaking
 * its MQTT API on a {@link LocalBroker} as the AWS IoT Developer Guide describes it
 * ("Device Shadow MQTT topics", "Interacting with shadows", "Shadow document examples"):
 * <ul>
 *   <li>{@code $aws/things/<thing>/shadow/get} &rarr; {@code get/accepted} with
 *       {@code state.desired/reported/delta}, {@code metadata}, {@code version}, {@code timestamp};
 *       or {@code get/rejected} with {@code code 404} when the thing has no shadow;</li>
 *   <li>{@code .../shadow/update} &rarr; {@code update/accepted} (the request's state, the metadata
 *       of the updated leaves, the new version), {@code update/documents} (previous and current),
 *       and {@code update/delta} when the request had a {@code desired} section and desired and
 *       reported then differ; {@code update/rejected} with {@code 400} (bad JSON or no
 *       {@code state}) or {@code 409} (version conflict); {@code null} deletes a key;</li>
 *   <li>{@code .../shadow/delete} &rarr; {@code delete/accepted} or {@code delete/rejected} (404).</li>
 * </ul>
 * A {@code clientToken} in a request is echoed in every response. Timestamps are epoch seconds.
 * Named shadows and the HTTP API are not provided. {@link #updateDesired} acts like the cloud side
 * (console, {@code UpdateThingShadow}).
 */
public final class ShadowService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);
    private static final Pattern TOPIC = Pattern.compile("\\$aws/things/([^/]+)/shadow/(get|update|delete)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalMqttClient client;
    private final Clock clock;
    private final Map<String, ShadowDocument> shadows = new HashMap<>();

    private ShadowService(LocalMqttClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Connects to the broker with its own certificate and starts answering shadow requests. */
    public static ShadowService start(LocalBroker broker) {
        LocalMqttClient c = LocalMqttClient.connect(broker, broker.ca().issueClient("amsgrid-shadow-service"),
                "amsgrid-shadow-service", false);
        ShadowService s = new ShadowService(c, Clock.systemUTC());
        c.onMessage(s::handle);
        c.subscribe("$aws/things/+/shadow/get");
        c.subscribe("$aws/things/+/shadow/update");
        c.subscribe("$aws/things/+/shadow/delete");
        return s;
    }

    private void handle(LocalMqttClient.Message m) {
        Matcher t = TOPIC.matcher(m.topic());
        if (!t.matches()) {
            return;
        }
        String thing = t.group(1);
        String prefix = "$aws/things/" + thing + "/shadow/" + t.group(2);
        JsonNode request;
        try {
            request = m.payload().length == 0 ? JSON.createObjectNode() : JSON.readTree(m.payload());
            if (request == null || !request.isObject()) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException e) {
            publish(prefix + "/rejected", error(400, "Payload contains invalid json", null));
            return;
        }
        String token = request.hasNonNull("clientToken") ? request.get("clientToken").asText() : null;
        switch (t.group(2)) {
            case "get" -> get(thing, prefix, token);
            case "update" -> update(thing, prefix, (ObjectNode) request, token);
            default -> delete(thing, prefix, token);
        }
    }

    private synchronized void get(String thing, String prefix, String token) {
        ShadowDocument d = shadows.get(thing);
        if (d == null) {
            publish(prefix + "/rejected", error(404, "No shadow exists with name: '" + thing + "'", token));
            return;
        }
        publish(prefix + "/accepted", full(d, token, true));
    }

    private ObjectNode full(ShadowDocument d, String token, boolean withDelta) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode state = out.putObject("state");
        if (!d.desired.isEmpty()) {
            state.set("desired", d.desired.deepCopy());
        }
        if (!d.reported.isEmpty()) {
            state.set("reported", d.reported.deepCopy());
        }
        ObjectNode delta = ShadowDocument.delta(d.desired, d.reported);
        if (withDelta && !delta.isEmpty()) {
            state.set("delta", delta);
        }
        ObjectNode meta = out.putObject("metadata");
        if (!d.desiredMeta.isEmpty()) {
            meta.set("desired", d.desiredMeta.deepCopy());
        }
        if (!d.reportedMeta.isEmpty()) {
            meta.set("reported", d.reportedMeta.deepCopy());
        }
        out.put("version", d.version);
        out.put("timestamp", now());
        if (token != null) {
            out.put("clientToken", token);
        }
        return out;
    }

    private synchronized void update(String thing, String prefix, ObjectNode request, String token) {
        JsonNode state = request.get("state");
        if (state == null || !state.isObject() || (!state.has("desired") && !state.has("reported"))) {
            publish(prefix + "/rejected", error(400, "Missing required node: state", token));
            return;
        }
        for (String section : new String[] {"desired", "reported"}) {
            JsonNode s = state.get(section);
            if (s != null && !s.isObject() && !s.isNull()) {
                publish(prefix + "/rejected", error(400, "State contains an invalid node: '" + section + "'", token));
                return;
            }
        }
        ShadowDocument d = shadows.computeIfAbsent(thing, k -> new ShadowDocument());
        if (request.hasNonNull("version") && request.get("version").asLong() != d.version) {
            publish(prefix + "/rejected", error(409, "Version conflict", token));
            return;
        }
        ShadowDocument previous = d.copy();
        long ts = now();
        ObjectNode updatedMeta = JSON.createObjectNode();
        JsonNode desired = state.get("desired");
        if (desired != null && desired.isNull()) {
            d.desired.removeAll();
            d.desiredMeta.removeAll();
        } else if (desired != null) {
            updatedMeta.set("desired", ShadowDocument.merge(d.desired, d.desiredMeta, desired, ts));
        }
        JsonNode reported = state.get("reported");
        if (reported != null && reported.isNull()) {
            d.reported.removeAll();
            d.reportedMeta.removeAll();
        } else if (reported != null) {
            updatedMeta.set("reported", ShadowDocument.merge(d.reported, d.reportedMeta, reported, ts));
        }
        d.version++;

        ObjectNode accepted = JSON.createObjectNode();
        accepted.set("state", state.deepCopy());
        accepted.set("metadata", updatedMeta);
        accepted.put("version", d.version);
        accepted.put("timestamp", ts);
        if (token != null) {
            accepted.put("clientToken", token);
        }
        publish(prefix + "/accepted", accepted);

        ObjectNode documents = JSON.createObjectNode();
        documents.set("previous", previous.version == 0 ? null : stateOnly(previous));
        documents.set("current", stateOnly(d));
        documents.put("timestamp", ts);
        if (token != null) {
            documents.put("clientToken", token);
        }
        publish(prefix + "/documents", documents);

        ObjectNode delta = ShadowDocument.delta(d.desired, d.reported);
        if (desired != null && !delta.isEmpty()) {
            ObjectNode msg = JSON.createObjectNode();
            msg.put("version", d.version);
            msg.put("timestamp", ts);
            msg.set("state", delta);
            msg.set("metadata", ShadowDocument.metaOf(delta, d.desiredMeta));
            if (token != null) {
                msg.put("clientToken", token);
            }
            publish(prefix + "/delta", msg);
        }
    }

    private ObjectNode stateOnly(ShadowDocument d) {
        ObjectNode f = full(d, null, false);
        f.remove("timestamp");
        return f;
    }

    private synchronized void delete(String thing, String prefix, String token) {
        ShadowDocument d = shadows.remove(thing);
        if (d == null) {
            publish(prefix + "/rejected", error(404, "No shadow exists with name: '" + thing + "'", token));
            return;
        }
        ObjectNode out = JSON.createObjectNode().put("version", d.version).put("timestamp", now());
        if (token != null) {
            out.put("clientToken", token);
        }
        publish(prefix + "/accepted", out);
    }

    private ObjectNode error(int code, String message, String token) {
        ObjectNode e = JSON.createObjectNode().put("code", code).put("message", message).put("timestamp", now());
        if (token != null) {
            e.put("clientToken", token);
        }
        return e;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void publish(String topic, JsonNode body) {
        try {
            client.publish(topic, JSON.writeValueAsBytes(body));
        } catch (IOException | RuntimeException e) {
            LOG.warn("shadow service could not publish on {}: {}", topic, e.toString());
        }
    }

    /**
     * Sets desired state as the cloud side does (console, {@code UpdateThingShadow}): same
     * processing and messages as an MQTT update, e.g. {@code {"sendIntervalMinutes": 5}}.
     */
    public void updateDesired(String thing, Map<String, ?> desired) {
        ObjectNode req = JSON.createObjectNode();
        req.putObject("state").set("desired", JSON.valueToTree(desired));
        update(thing, "$aws/things/" + thing + "/shadow/update", req, null);
    }

    /** The full shadow document of a thing (as {@code get/accepted} would return it), if any. */
    public synchronized Optional<JsonNode> document(String thing) {
        ShadowDocument d = shadows.get(thing);
        return d == null ? Optional.empty() : Optional.of(full(d, null, true));
    }

    @Override
    public void close() {
        client.close();
    }
}
