package io.amsgrid.rules;

/**
 * The settings of the batched route ({@link IngestRoute#BATCHED}): the SQS queue between the ingest
 * rules and {@link LambdaHandlers#BATCH_INGEST}, and its event source mapping. One definition for the
 * CDK app ({@code TopicRules}, {@code IngestFunctions}) and the local run's stand-in of the queue.
 */
public final class BatchedRoute {
    /** Messages per batch handed to the batch ingest function (the event source mapping's batch size). */
    public static final int BATCH_SIZE = 100;
    /** The event source mapping waits at most this long to fill a batch (maximum batching window). */
    public static final int MAX_BATCHING_WINDOW_SECONDS = 5;
    /** Receives of a message (whole-batch or per-item failures) before SQS moves it to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;

    private BatchedRoute() {
    }
}
