package io.amsgrid.local.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * One classic shadow's state as AWS IoT keeps it: {@code desired} and {@code reported} with a
 * {@code metadata} tree of per-leaf {@code timestamp}s (epoch seconds) and a {@code version} that
 * grows by one with every accepted update (a new shadow starts at version 1).
 */
final class ShadowDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    ObjectNode desired = F.objectNode();
    ObjectNode reported = F.objectNode();
    ObjectNode desiredMeta = F.objectNode();
    ObjectNode reportedMeta = F.objectNode();
    long version;

    ShadowDocument copy() {
        ShadowDocument c = new ShadowDocument();
        c.desired = desired.deepCopy();
        c.reported = reported.deepCopy();
        c.desiredMeta = desiredMeta.deepCopy();
        c.reportedMeta = reportedMeta.deepCopy();
        c.version = version;
        return c;
    }

    /**
     * Merges a request section into {@code target}: a {@code null} value deletes the key, an object
     * merges recursively, anything else replaces. Returns the metadata of the updated leaves.
     */
    static ObjectNode merge(ObjectNode target, ObjectNode meta, JsonNode request, long timestamp) {
        ObjectNode updatedMeta = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                target.remove(k);
                meta.remove(k);
                updatedMeta.set(k, timestampNode(timestamp));
            } else if (v.isObject()) {
                ObjectNode child = target.get(k) instanceof ObjectNode o ? o : target.putObject(k);
                ObjectNode childMeta = meta.get(k) instanceof ObjectNode o && !o.has("timestamp") ? o : meta.putObject(k);
                updatedMeta.set(k, merge(child, childMeta, v, timestamp));
                if (child.isEmpty()) {
                    target.remove(k);
                    meta.remove(k);
                }
            } else {
                target.set(k, v.deepCopy());
                meta.set(k, timestampNode(timestamp));
                updatedMeta.set(k, timestampNode(timestamp));
            }
        }
        return updatedMeta;
    }

    private static ObjectNode timestampNode(long timestamp) {
        return F.objectNode().put("timestamp", timestamp);
    }

    /** The desired values that differ from the reported ones (recursively), or an empty object. */
    static ObjectNode delta(JsonNode desired, JsonNode reported) {
        ObjectNode d = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = reported == null ? null : reported.get(e.getKey());
            if (e.getValue().isObject() && r != null && r.isObject()) {
                ObjectNode sub = delta(e.getValue(), r);
                if (!sub.isEmpty()) {
                    d.set(e.getKey(), sub);
                }
            } else if (r == null || !equalValues(e.getValue(), r)) {
                d.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return d;
    }

    private static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The metadata of the delta's leaves, taken from the desired metadata. */
    static ObjectNode metaOf(JsonNode delta, JsonNode meta) {
        ObjectNode m = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = delta.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode sub = meta == null ? null : meta.get(e.getKey());
            if (e.getValue().isObject() && sub != null && !sub.has("timestamp")) {
                m.set(e.getKey(), metaOf(e.getValue(), sub));
            } else if (sub != null) {
                m.set(e.getKey(), sub.deepCopy());
            }
        }
        return m;
    }
}
