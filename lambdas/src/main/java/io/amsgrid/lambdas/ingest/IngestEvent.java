package io.amsgrid.lambdas.ingest;

import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.MessageKind;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The event an ingest rule sends (see {@link IngestRules}): {@code payload} (base64), {@code topic},
 * {@code thing}, {@code receivedAtMs}.
 *
 * @param payload      the MQTT payload bytes
 * @param topic        the topic, {@code <kind>/<thing>}
 * @param kind         the topic's first level
 * @param thing        the thing name the rule took from the topic
 * @param receivedAtMs the broker's receive time, UNIX ms
 */
public record IngestEvent(byte[] payload, String topic, MessageKind kind, String thing, long receivedAtMs) {
    /** AWS IoT thing names: 1-128 of letters, digits, colon, underscore, hyphen. */
    static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");

    /** Parses and checks the rule event; {@link IngestRejection} with {@code BAD_EVENT} or {@code THING_MISMATCH}. */
    public static IngestEvent parse(Map<String, Object> event) {
        if (event == null) {
            throw bad("the event is empty");
        }
        String topic = text(event, IngestRules.FIELD_TOPIC);
        String thing = text(event, IngestRules.FIELD_THING);
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(text(event, IngestRules.FIELD_PAYLOAD));
        } catch (IllegalArgumentException e) {
            throw bad("\"payload\" is not base64: " + e.getMessage() + " (the rule must select encode(*, 'base64'))");
        }
        Object received = event.get(IngestRules.FIELD_RECEIVED_AT_MS);
        if (!(received instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
            throw bad("\"receivedAtMs\" must be a positive whole number (timestamp()), was " + received);
        }
        String[] levels = topic.split("/", -1);
        if (levels.length != 2) {
            throw bad("topic \"" + topic + "\" is not <kind>/<thing>");
        }
        MessageKind kind;
        try {
            kind = MessageKind.ofTopicPrefix(levels[0]);
        } catch (IllegalArgumentException e) {
            throw bad("topic \"" + topic + "\" has no known kind (avg, hr, pf, raw)");
        }
        if (!THING_NAME.matcher(thing).matches()) {
            throw bad("thing \"" + thing + "\" is not a valid AWS IoT thing name");
        }
        if (!levels[1].equals(thing)) {
            throw new IngestRejection(IngestRejectReason.THING_MISMATCH,
                    "thing \"" + thing + "\" does not match topic \"" + topic + "\"");
        }
        return new IngestEvent(payload, topic, kind, thing, n.longValue());
    }

    private static String text(Map<String, Object> event, String field) {
        Object value = event.get(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw bad("\"" + field + "\" must be a non-empty string, was " + (value == null ? "missing" : value));
        }
        return s;
    }

    private static IngestRejection bad(String message) {
        return new IngestRejection(IngestRejectReason.BAD_EVENT, message);
    }
}
