package io.amsgrid.local.rules;

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
 * expressions {@code encode(*, 'base64')}, {@code topic()}, {@code topic(n)} and
 * {@code timestamp()}. Anything else is refused when the rule is parsed, so a rule the CDK app
 * deploys and this engine does not understand is found at start, not ignored.
 */
public final class RuleSql {
    private static final Pattern STATEMENT =
            Pattern.compile("(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+'([^']+)'\\s*(?:WHERE\\s+(.+))?$");
    private static final Pattern ITEM = Pattern.compile("(?is)^\\s*(.+?)\\s+AS\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$");
    private static final Pattern TOPIC_N = Pattern.compile("(?i)^topic\\(\\s*(\\d+)\\s*\\)$");

    private sealed interface Expression permits PayloadBase64, Topic, TopicLevel, Timestamp {
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
        Map<String, Object> out = new LinkedHashMap<>();
        String[] levels = topic.split("/", -1);
        for (Item item : items) {
            Object value = switch (item.expression()) {
                case PayloadBase64 p -> Base64.getEncoder().encodeToString(payload);
                case Topic t -> topic;
                case TopicLevel l -> l.level() >= 1 && l.level() <= levels.length ? levels[l.level() - 1] : null;
                case Timestamp t -> receivedAtMs;
            };
            if (value != null) {
                out.put(item.alias(), value);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return sql;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
