package io.amsgrid.rules;

/**
 * The Lambda handlers of amsgrid, {@code class::method}: one definition for the lambdas module
 * (which implements them) and the CDK app (which deploys them).
 */
public final class LambdaHandlers {
    /** One IoT rule event per invocation (avg, hr, pf, raw); the rules' handler. */
    public static final String INGEST = IngestRules.INGEST_HANDLER;

    /** SQS events whose bodies are rule events (the batched route); reports batch item failures. */
    public static final String BATCH_INGEST = "io.amsgrid.lambdas.ingest.BatchIngestHandler::handleRequest";

    /** The CSV export: EventBridge daily schedule (the previous day) and on-demand invocations. */
    public static final String EXPORT = "io.amsgrid.lambdas.export.ExportHandler::handleRequest";

    /** Certificate rotation: one CSR from {@code amsgrid/rotation/<thing>/csr} per invocation. */
    public static final String ROTATION = RotationRules.HANDLER;

    private LambdaHandlers() {
    }
}
