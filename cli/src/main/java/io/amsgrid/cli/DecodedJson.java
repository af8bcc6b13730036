package io.amsgrid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The JSON shape of {@code ./amsgrid decode --jsonl} output lines (a contract: other tools read it). */
final class DecodedJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DecodedJson() {
    }

    static ObjectNode ok(String id, DecodedList d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        n.put("ok", true);
        n.put("format", d.format().id());
        n.put("profile", d.profile());
        n.put("listId", d.listId());
        n.put("meterId", d.meterId());
        n.put("meterType", d.meterType());
        n.put("meterClock", d.meterClock());
        n.put("meterTime", d.meterTime() == null ? null : d.meterTime().toString());
        ObjectNode values = n.putObject("values");
        d.values().forEach((k, v) -> values.set(k, value(v)));
        ArrayNode elements = n.putArray("elements");
        d.elements().forEach(e -> elements.add(scalar(e)));
        n.set("reading", reading(d.reading()));
        return n;
    }

    /**
     * A valid first segment of a segmented HDLC message whose other segments are not in the input:
     * the framing checks passed, the message cannot be decoded yet. Reported as decoded without
     * error but {@code "complete": false}, with nothing guessed.
     */
    static ObjectNode incomplete(String id, HanDecodeException e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        n.put("ok", true);
        n.put("complete", false);
        n.putNull("listId");
        n.putNull("meterId");
        n.putNull("meterType");
        n.putNull("meterTime");
        n.putObject("values");
        n.putArray("elements");
        n.putObject("reading");
        n.put("warning", "frame checks passed, but the message continues in segments not in the input ("
                + e.layer() + "." + e.code() + "): " + e.getMessage());
        return n;
    }

    static ObjectNode error(String id, String layer, String code, String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        n.put("ok", false);
        ObjectNode e = n.putObject("error");
        e.put("code", code);
        e.put("layer", layer);
        e.put("message", message);
        return n;
    }

    static ObjectNode error(String id, HanDecodeException e) {
        return error(id, e.layer().name(), e.code(), e.getMessage());
    }

    static ObjectNode reading(MeterReading r) {
        ObjectNode n = MAPPER.createObjectNode();
        putIfPresent(n, "meterId", r.meterId());
        putIfPresent(n, "meterType", r.meterType());
        putIfPresent(n, "listId", r.listId());
        putIfPresent(n, "meterClock", r.meterClock());
        if (r.meterTime() != null) {
            n.put("meterTime", r.meterTime().toString());
        }
        for (Measurement m : Measurement.values()) {
            Double v = r.values().get(m);
            if (v != null) {
                n.put(m.fieldName(), v);
            }
        }
        if (!r.other().isEmpty()) {
            ObjectNode other = n.putObject("other");
            r.other().forEach((obis, q) -> {
                ObjectNode o = other.putObject(obis.toString());
                o.set("value", scalar(q.value()));
                o.put("unit", q.unit());
            });
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static JsonNode value(DecodedList.Value v) {
        if (v.value() instanceof List<?> parts) {
            ArrayNode a = MAPPER.createArrayNode();
            for (Object p : parts) {
                a.add(value((DecodedList.Value) p));
            }
            return a;
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.set("value", scalar(v.value()));
        o.put("unit", v.unit());
        if (v.scaler() != null) {
            o.set("raw", scalar(v.raw()));
            o.put("scaler", v.scaler());
        }
        return o;
    }

    static JsonNode scalar(Object o) {
        return switch (o) {
            case null -> MAPPER.nullNode();
            case Long l -> MAPPER.getNodeFactory().numberNode(l);
            case Integer i -> MAPPER.getNodeFactory().numberNode(i);
            case Double d -> MAPPER.getNodeFactory().numberNode(d);
            case BigInteger b -> MAPPER.getNodeFactory().numberNode(b);
            case BigDecimal b -> MAPPER.getNodeFactory().numberNode(b);
            case Boolean b -> MAPPER.getNodeFactory().booleanNode(b);
            case Map<?, ?> m -> MAPPER.valueToTree(m);
            default -> MAPPER.getNodeFactory().textNode(o.toString());
        };
    }
}
