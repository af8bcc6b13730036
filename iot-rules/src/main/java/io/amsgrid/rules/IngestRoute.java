package io.amsgrid.rules;

import java.util.Locale;

/**
 * How ingest rule events reach the ingest Lambda: the CDK context {@code route} (the CDK app's own
 * enum, {@code io.amsgrid.cdk.Route}, has the same values; a CDK test pins them equal) and
 * {@code ./amsgrid local --route}.
 */
public enum IngestRoute {
    /** The rule invokes {@link LambdaHandlers#INGEST} asynchronously, once per message (the default). */
    DIRECT,
    /**
     * The rule's SQS action sends the rule event JSON to a queue; an event source mapping hands
     * {@link LambdaHandlers#BATCH_INGEST} batches as set in {@link BatchedRoute}.
     */
    BATCHED;

    /** The context and option value, lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code direct} or {@code batched} (any case). */
    public static IngestRoute parse(String text) {
        for (IngestRoute r : values()) {
            if (r.value().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("route must be direct or batched, was '" + text + "'");
    }
}
