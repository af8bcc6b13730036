package io.amsgrid.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The ingest rules of amsgrid. Every rule selects the same event fields, which is the event JSON
 * the ingest Lambda receives:
 *
 * <pre>
 * {
 *   "payload":      "&lt;the MQTT payload, base64&gt;",   -- encode(*, 'base64'): binary or JSON payloads
 *   "topic":        "avg/gw-0001",                   -- topic()
 *   "thing":        "gw-0001",                       -- topic(2)
 *   "receivedAtMs": 1700000000000                    -- timestamp(): broker receive time, ms
 * }
 * </pre>
 */
public final class IngestRules {
    /** The IoT SQL version all rules use. */
    public static final String SQL_VERSION = "2016-03-23";

    /** The handler of every ingest rule: one function class, the kind is taken from the topic. */
    public static final String INGEST_HANDLER = "io.amsgrid.lambdas.ingest.IngestHandler::handleRequest";

    /** Event field names (the SELECT aliases). */
    public static final String FIELD_PAYLOAD = "payload";
    public static final String FIELD_TOPIC = "topic";
    public static final String FIELD_THING = "thing";
    public static final String FIELD_RECEIVED_AT_MS = "receivedAtMs";

    private IngestRules() {
    }

    /** The rule for one message kind. */
    public static IngestRule forKind(MessageKind kind) {
        String filter = kind.topicPrefix() + "/+";
        return new IngestRule("amsgrid_" + kind.topicPrefix(), kind, filter, sql(filter), INGEST_HANDLER);
    }

    /** The rules for {@code avg/+}, {@code hr/+}, {@code pf/+} and {@code raw/+}, in that order. */
    public static List<IngestRule> all() {
        return Arrays.stream(MessageKind.values()).map(IngestRules::forKind).toList();
    }

    /** The SQL of a rule that reads {@code topicFilter}. */
    public static String sql(String topicFilter) {
        return "SELECT encode(*, 'base64') AS " + FIELD_PAYLOAD
                + ", topic() AS " + FIELD_TOPIC
                + ", topic(2) AS " + FIELD_THING
                + ", timestamp() AS " + FIELD_RECEIVED_AT_MS
                + " FROM '" + topicFilter + "'";
    }
}
