package io.amsgrid.cdk;

/**
 * How gateways reach the ingest rules (CDK context {@code ingest}).
 */
public enum IngestMode {
    /** Gateways publish to {@code avg/<thing>} etc. through the message broker. */
    DIRECT,
    /**
     * Gateways publish to {@code $aws/rules/<rule>/avg/<thing>} (Basic Ingest): no messaging charge,
     * no subscribers; the rule SQL is unchanged because the {@code $aws/rules/<rule>} prefix is not
     * visible to {@code topic()} and {@code topic(n)}.
     */
    BASIC;

    /** The context value, lower case. */
    public String contextValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
