package io.amsgrid.lambdas.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.lambdas.store.ReadingRecord;
import io.amsgrid.lambdas.store.ReadingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale path: the IoT rule's SQS action queues the same event JSON as the message body, and
 * this handler takes up to the batch size (e.g. 100) at a time. Bad events are dead-lettered and
 * count as handled; readings are written with BatchGetItem + BatchWriteItem (see
 * {@link ReadingStore#putAllIfAbsent}). Messages whose dead letter or write failed are reported in
 * {@code batchItemFailures} so SQS redelivers only those (the event source mapping needs
 * {@code ReportBatchItemFailures}).
 */
public final class BatchIngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIngestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final IngestProcessor processor;
    private final IngestMetrics metrics;

    public BatchIngestHandler() {
        this(IngestHandler.Container.processor(), new IngestMetrics());
    }

    public BatchIngestHandler(IngestProcessor processor, IngestMetrics metrics) {
        this.processor = processor;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event.getRecords() == null ? List.of() : event.getRecords()));
    }

    private SQSBatchResponse handle(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<IngestOutcome> outcomes = new ArrayList<>();
        List<ReadingRecord> records = new ArrayList<>();
        List<String> recordMessageIds = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            Map<String, Object> ruleEvent = parseBody(message.getBody());
            try {
                ReadingRecord record = processor.validateOne(ruleEvent);
                records.add(record);
                recordMessageIds.add(message.getMessageId());
            } catch (IngestRejection rejection) {
                try {
                    outcomes.add(processor.reject(ruleEvent, rejection));
                } catch (RuntimeException deadLetterFailed) {
                    LOG.error("cannot keep rejected message {} in the dead-letter location; SQS will redeliver it",
                            message.getMessageId(), deadLetterFailed);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        if (!records.isEmpty()) {
            try {
                List<ReadingStore.PutResult> results = processor.store().putAllIfAbsent(records);
                for (int i = 0; i < records.size(); i++) {
                    outcomes.add(IngestProcessor.outcome(records.get(i), results.get(i)));
                }
            } catch (RuntimeException writeFailed) {
                LOG.error("batch write of {} readings failed; SQS will redeliver them", records.size(), writeFailed);
                recordMessageIds.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
            }
        }
        metrics.publish(outcomes);
        return new SQSBatchResponse(failures);
    }

    private static Map<String, Object> parseBody(String body) {
        try {
            Map<String, Object> map = body == null ? null : JSON.readValue(body, MAP);
            if (map != null) {
                return map;
            }
        } catch (Exception notJson) {
            LOG.debug("message body is not a JSON object", notJson);
        }
        Map<String, Object> raw = new HashMap<>();
        raw.put("body", body);
        return raw;
    }
}
