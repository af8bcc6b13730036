package io.amsgrid.cdk;

/**
 * How rule events reach the ingest Lambda (CDK context {@code route}).
 */
public enum Route {
    /** The rule invokes the ingest function once per message (asynchronous invoke). */
    DIRECT,
    /** The rule sends to an SQS queue; the batch ingest function reads batches of up to 100. */
    BATCHED;

    /** The context value, lower case. */
    public String contextValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
