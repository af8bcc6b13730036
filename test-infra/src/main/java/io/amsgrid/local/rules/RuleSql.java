package io.amsgrid.local.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the AWS IoT SQL (version 2016-03-23) that amsgrid's rules use, evaluated the way the
 * rules engine does: {@code SELECT <expr> AS <alias>, ... FROM '<topic filter>'} with the
 * expressions {@code encode(*, 'base64')}, {@code topic()}, {@code topic(n)},
 * {@code timestamp()}, {@code principal()} and {@code clientid()}, and a bare {@code *} (the fields
 * of a JSON object payload). Anything else is refused when the rule is parsed, so a rule the CDK app
 * deploys and this engine does not understand is found at start, not ignored.
 */
public final class RuleSql {
    private static final Pattern STATEMENT =
            Pattern.compile("(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+'([^']+)'\\s*(?:WHERE\\s+(.+))?$");
    private static final Pattern ITEM = Pattern.compile("(?is)^\\s*(.+?)\\s+AS\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$");
    private static final Pattern TOPIC_N = Pattern.compile("(?i)^topic\\(\\s*(\\d+)\\s*\\)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Who published a message, as {@code principal()} and {@code clientid()} give it. AWS: the
     * certificate id of a certificate connection and the MQTT client id.
     */
    public record Publisher(String principal, String clientId) {
    }

    private sealed interface Expression permits PayloadBase64, Topic, TopicLevel, Timestamp, Principal, ClientId,
            PayloadFields {
    }

    private record Principal() implements Expression {
    }

    private record ClientId() implements Expression {
    }

    private record PayloadFields() implements Expression {
    }

    private record PayloadBase64() implements Expression {
    }

    private record Topic() implements Expression {
    }

    private record TopicLevel(int level) implements Expression {
    }

    private record Timestamp() implements Expression {
    }

    private record Item(Expression expression, String alias) {
    }

    private final String sql;
    private final List<Item> items;
    private final String topicFilter;

    private RuleSql(String sql, List<Item> items, String topicFilter) {
        this.sql = sql;
        this.items = items;
        this.topicFilter = topicFilter;
    }

    /** Parses {@code sql}; throws {@link IllegalArgumentException} naming what is not supported. */
    public static RuleSql parse(String sql) {
        Matcher m = STATEMENT.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rule SQL statement this engine runs: " + sql);
        }
        if (m.group(3) != null) {
            throw new IllegalArgumentException("WHERE clauses are not supported by the local rules engine: " + sql);
        }
        List<Item> items = new ArrayList<>();
        for (String part : splitTopLevel(m.group(1))) {
            if (part.trim().equals("*")) {
                items.add(new Item(new PayloadFields(), null));
                continue;
            }
            Matcher im = ITEM.matcher(part);
            if (!im.matches()) {
                throw new IllegalArgumentException("select item without an alias: '" + part.trim() + "'");
            }
            items.add(new Item(expression(im.group(1).trim()), im.group(2)));
        }
        return new RuleSql(sql, List.copyOf(items), m.group(2));
    }

    private static Expression expression(String text) {
        String compact = text.replaceAll("\\s+", "");
        if (compact.equalsIgnoreCase("encode(*,'base64')")) {
            return new PayloadBase64();
        }
        if (compact.equalsIgnoreCase("topic()")) {
            return new Topic();
        }
        if (compact.equalsIgnoreCase("timestamp()")) {
            return new Timestamp();
        }
        if (compact.equalsIgnoreCase("principal()")) {
            return new Principal();
        }
        if (compact.equalsIgnoreCase("clientid()")) {
            return new ClientId();
        }
        Matcher t = TOPIC_N.matcher(compact);
        if (t.matches()) {
            return new TopicLevel(Integer.parseInt(t.group(1)));
        }
        throw new IllegalArgumentException("expression not supported by the local rules engine: " + text);
    }

    private static List<String> splitTopLevel(String select) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < select.length(); i++) {
            char c = select.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(select.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(select.substring(start));
        return parts;
    }

    public String topicFilter() {
        return topicFilter;
    }

    /** Whether a message on {@code topic} is selected by this rule's FROM clause. */
    public boolean matches(String topic) {
        return TopicFilters.matches(topicFilter, topic);
    }

    /**
     * The rule's output for one message: the JSON object the Lambda action receives, as a map in
     * SELECT order. {@code topic(n)} beyond the topic's levels is left out, as AWS IoT leaves
     * undefined values out of the output.
     */
    public Map<String, Object> evaluate(String topic, byte[] payload, long receivedAtMs) {
        return evaluate(topic, payload, receivedAtMs, null);
    }

    /** Whether the SQL uses {@code principal()} or {@code clientid()}. */
    public boolean needsPublisher() {
        return items.stream().anyMatch(i -> i.expression() instanceof Principal || i.expression() instanceof ClientId);
    }

    /**
     * As {@link #evaluate(String, byte[], long)}, with the publisher for {@code principal()} and
     * {@code clientid()} (left out when {@code publisher} is null). A bare {@code *} copies the
     * fields of a JSON object payload; other payloads add nothing.
     */
    public Map<String, Object> evaluate(String topic, byte[] payload, long receivedAtMs, Publisher publisher) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] levels = topic.split("/", -1);
        for (Item item : items) {
            if (item.expression() instanceof PayloadFields) {
                out.putAll(jsonFields(payload));
                continue;
            }
            Object value = switch (item.expression()) {
                case PayloadBase64 p -> Base64.getEncoder().encodeToString(payload);
                case Topic t -> topic;
                case TopicLevel l -> l.level() >= 1 && l.level() <= levels.length ? levels[l.level() - 1] : null;
                case Timestamp t -> receivedAtMs;
                case Principal p -> publisher == null ? null : publisher.principal();
                case ClientId c -> publisher == null ? null : publisher.clientId();
                case PayloadFields f -> null;
            };
            if (value != null) {
                out.put(item.alias(), value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonFields(byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            return n != null && n.isObject() ? JSON.convertValue(n, Map.class) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    @Override
    public String toString() {
        return sql;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
