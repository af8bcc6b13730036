package io.amsgrid.codec.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.codec.meter.Measurement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link Payload}, for people and tools (field by field in {@code docs/payloads.md}).
 * It carries exactly what the binary layout carries. Reading is strict: unknown or duplicate fields,
 * wrong JSON types and trailing content are {@link PayloadRejectReason#BAD_JSON}. Floats are written
 * as the shortest decimal that reads back to the same float32, so binary to JSON to binary is exact.
 */
public final class PayloadJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PayloadJson() {
    }

    /** The JSON form of {@code payload}, one line, fields in a fixed order. */
    public static String toJson(Payload payload) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", Payload.VERSION).put("type", payload.type().jsonName()).put("sequence", payload.sequence());
        if (payload.meterId() != null) {
            root.put("meterId", payload.meterId());
        }
        switch (payload) {
            case AggregatePayload a -> {
                root.put("windowStartEpochS", a.windowStartEpochS()).put("intervalMinutes", a.intervalMinutes());
                ObjectNode measurements = root.putObject("measurements");
                a.measurements().forEach((m, s) -> measurements.putObject(m.fieldName())
                        .put("avg", s.avg()).put("min", s.min()).put("max", s.max()).put("samples", s.samples()));
            }
            case HourlyPayload h -> {
                root.put("hourStartEpochS", h.hourStartEpochS());
                ArrayNode flags = root.putArray("flags");
                h.flags().forEach(f -> flags.add(f.name()));
                root.put("missingHours", h.missingHours());
                ObjectNode registers = root.putObject("registers");
                h.registers().forEach((m, v) -> registers.put(m.fieldName(), v));
            }
            case PowerFailPayload p -> {
                root.put("signalAtEpochMs", p.signalAtEpochMs()).put("reason", p.reason().name());
                ArrayNode samples = root.putArray("samples");
                for (PowerFailPayload.VoltageSample s : p.samples()) {
                    ObjectNode sample = samples.addObject().put("timeEpochMs", s.timeEpochMs());
                    s.voltagesV().forEach((m, v) -> sample.put(m.fieldName(), v));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** The payload in {@code json}; throws {@link PayloadException} for anything else. */
    public static Payload fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw badJson("not valid JSON: " + firstLine(e));
        }
        return fromTree(root);
    }

    /** The payload in UTF-8 {@code json} bytes. */
    public static Payload fromJson(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw badJson("not valid JSON: " + firstLine(e));
        }
        return fromTree(root);
    }

    private static Payload fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw badJson("a payload must be a JSON object");
        }
        Fields f = new Fields(root, "payload");
        long version = f.integer("version");
        if (version != Payload.VERSION) {
            throw new PayloadException(PayloadRejectReason.UNKNOWN_VERSION,
                    "payload version " + version + " is not supported (this code reads version " + Payload.VERSION + ")");
        }
        PayloadType type = PayloadType.ofJsonName(f.text("type"));
        long sequence = f.integer("sequence");
        String meterId = f.optionalText("meterId");
        Payload payload = switch (type) {
            case AGGREGATE -> {
                long windowStart = f.integer("windowStartEpochS");
                long interval = f.integer("intervalMinutes");
                Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
                f.object("measurements").forEachField((name, node) -> {
                    Fields s = new Fields(node, name);
                    stats.put(measurement(name), new AggregatePayload.Stats(s.float32("avg"), s.float32("min"),
                            s.float32("max"), clampInt(s.integer("samples"))));
                    s.noneLeft();
                });
                yield new AggregatePayload(sequence, windowStart, clampInt(interval), meterId, stats);
            }
            case HOURLY -> {
                long hourStart = f.integer("hourStartEpochS");
                Set<HourlyFlag> flags = EnumSet.noneOf(HourlyFlag.class);
                for (JsonNode flag : f.array("flags")) {
                    flags.add(hourlyFlag(flag));
                }
                long missing = f.integer("missingHours");
                Map<Measurement, Long> registers = new EnumMap<>(Measurement.class);
                f.object("registers").forEachField((name, node) -> registers.put(measurement(name), Fields.asLong(node, name)));
                yield new HourlyPayload(sequence, hourStart, meterId, flags, clampInt(missing), registers);
            }
            case POWER_FAIL -> {
                long signalAt = f.integer("signalAtEpochMs");
                PowerFailReason reason = powerFailReason(f.text("reason"));
                List<PowerFailPayload.VoltageSample> samples = new ArrayList<>();
                for (JsonNode node : f.array("samples")) {
                    Fields s = new Fields(node, "sample");
                    long time = s.integer("timeEpochMs");
                    Map<Measurement, Float> voltages = new EnumMap<>(Measurement.class);
                    s.forEachField((name, v) -> voltages.put(measurement(name), Fields.asFloat32(v, name)));
                    samples.add(new PowerFailPayload.VoltageSample(time, voltages));
                }
                yield new PowerFailPayload(sequence, signalAt, reason, meterId, samples);
            }
        };
        f.noneLeft();
        return payload;
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    private static int clampInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static Measurement measurement(String name) {
        try {
            return Measurement.ofFieldName(name);
        } catch (IllegalArgumentException e) {
            throw badJson("unknown field \"" + name + "\"");
        }
    }

    private static HourlyFlag hourlyFlag(JsonNode node) {
        for (HourlyFlag flag : HourlyFlag.values()) {
            if (node.isTextual() && flag.name().equals(node.textValue())) {
                return flag;
            }
        }
        throw badJson("unknown hourly flag " + node + " (known: GAP, REPEATED, CLOCK_INVALID)");
    }

    private static PowerFailReason powerFailReason(String name) {
        for (PowerFailReason r : PowerFailReason.values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw PayloadException.outOfRange("unknown power-fail reason \"" + name + "\" (known: GPIO, SILENCE, TRIGGER)");
    }

    static PayloadException badJson(String message) {
        return new PayloadException(PayloadRejectReason.BAD_JSON, message);
    }

    /** Reads the fields of one JSON object, remembering which were read so leftovers can be rejected. */
    private static final class Fields {
        private final ObjectNode node;
        private final String where;

        Fields(JsonNode node, String where) {
            if (!node.isObject()) {
                throw badJson(where + " must be a JSON object");
            }
            this.node = ((ObjectNode) node).deepCopy();
            this.where = where;
        }

        private JsonNode take(String name) {
            JsonNode value = node.remove(name);
            if (value == null || value.isNull()) {
                throw badJson(where + " lacks the field \"" + name + "\"");
            }
            return value;
        }

        long integer(String name) {
            return asLong(take(name), name);
        }

        float float32(String name) {
            return asFloat32(take(name), name);
        }

        String text(String name) {
            JsonNode value = take(name);
            if (!value.isTextual()) {
                throw badJson("\"" + name + "\" must be a string");
            }
            return value.textValue();
        }

        String optionalText(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                node.remove(name);
                return null;
            }
            return text(name);
        }

        Fields object(String name) {
            return new Fields(take(name), name);
        }

        ArrayNode array(String name) {
            JsonNode value = take(name);
            if (!value.isArray()) {
                throw badJson("\"" + name + "\" must be an array");
            }
            return (ArrayNode) value;
        }

        void forEachField(java.util.function.BiConsumer<String, JsonNode> action) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                action.accept(e.getKey(), e.getValue());
            }
            node.removeAll();
        }

        void noneLeft() {
            if (!node.isEmpty()) {
                throw badJson(where + " has unknown field \"" + node.fieldNames().next() + "\"");
            }
        }

        static long asLong(JsonNode value, String name) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw badJson("\"" + name + "\" must be a whole number, was " + value);
            }
            return value.longValue();
        }

        static float asFloat32(JsonNode value, String name) {
            if (!value.isNumber()) {
                throw badJson("\"" + name + "\" must be a number, was " + value);
            }
            return Float.parseFloat(value.asText());
        }
    }
}
