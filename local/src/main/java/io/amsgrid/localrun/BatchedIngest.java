package io.amsgrid.localrun;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.amsgrid.lambdas.ingest.BatchIngestHandler;
import io.amsgrid.local.rules.BatchTarget;
import io.amsgrid.local.rules.LocalLambdaContext;
import io.amsgrid.local.rules.LocalSqsQueue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The batched route's function locally: each batch of the local queue becomes the {@link SQSEvent}
 * Lambda would pass (one record per message: message id, receipt handle, the rule event JSON as body,
 * its MD5, {@code ApproximateReceiveCount}, {@code SentTimestamp}, ...) and goes to the real
 * {@link BatchIngestHandler}; its {@code batchItemFailures} are the failed items. Latency is recorded
 * per handled message from {@code SentTimestamp} (the rules engine sends in the millisecond it
 * received the message, the rule's {@code timestamp()}) to the handler's return, so it includes the
 * time in the queue and the batching window.
 */
final class BatchedIngest implements BatchTarget {
    static final String FUNCTION_NAME = "amsgrid-batch-ingest";
    private static final int TIMEOUT_SECONDS = 60;
    private static final int MEMORY_MB = 1024;

    private final BatchIngestHandler handler;
    private final String queueArn;
    private final String region;
    private final StoreLatency latency;

    BatchedIngest(BatchIngestHandler handler, String queueName, String region, StoreLatency latency) {
        this.handler = handler;
        this.queueArn = "arn:aws:sqs:" + region + ":000000000000:" + queueName;
        this.region = region;
        this.latency = latency;
    }

    @Override
    public Set<String> handle(List<LocalSqsQueue.Message> batch) {
        SQSEvent event = toEvent(batch);
        SQSBatchResponse response = handler.handleRequest(event,
                new LocalLambdaContext(FUNCTION_NAME, TIMEOUT_SECONDS, MEMORY_MB));
        Set<String> failed = response.getBatchItemFailures() == null ? Set.of() : response.getBatchItemFailures()
                .stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        long now = System.currentTimeMillis();
        for (LocalSqsQueue.Message m : batch) {
            if (!failed.contains(m.messageId())) {
                latency.record(m.sentAtMs(), now);
            }
        }
        return failed;
    }

    /** The event Lambda builds for a batch: records in batch order. */
    SQSEvent toEvent(List<LocalSqsQueue.Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (LocalSqsQueue.Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(md5Hex(m.body()));
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(region);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
            attributes.put("SentTimestamp", Long.toString(m.sentAtMs()));
            attributes.put("SenderId", "AROALOCAL000000000000:iot-rules-engine");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceivedAtMs()));
            r.setAttributes(attributes);
            r.setMessageAttributes(Map.of());
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static String md5Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
