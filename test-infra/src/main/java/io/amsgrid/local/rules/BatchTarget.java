package io.amsgrid.local.rules;

import java.util.Collection;
import java.util.List;

/**
 * The function an event source mapping hands batches of queue messages: locally, the same batch
 * handler class as in AWS ({@code ReportBatchItemFailures}).
 */
@FunctionalInterface
public interface BatchTarget {
    /**
     * Handles one batch.
     *
     * @return the message ids that failed ({@code batchItemFailures}): only those are redelivered;
     *         empty when every message was handled
     * @throws Exception a function error: the whole batch is redelivered
     */
    Collection<String> handle(List<LocalSqsQueue.Message> batch) throws Exception;
}
