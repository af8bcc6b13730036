package io.amsgrid.lambdas.ingest;

import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.store.ReadingRecord;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.rules.IngestRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The ingest work behind both handlers: parse, validate, store; bad input goes to the dead-letter
 * location with its reason. Infrastructure exceptions (DynamoDB, S3) propagate so Lambda (or SQS)
 * retries. Built once per container; thread-safe.
 */
public final class IngestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessor.class);

    private final IngestValidator validator;
    private final ReadingStore store;
    private final DeadLetterWriter deadLetters;

    public IngestProcessor(IngestValidator validator, ReadingStore store, DeadLetterWriter deadLetters) {
        this.validator = validator;
        this.store = store;
        this.deadLetters = deadLetters;
    }

    /** The processor for {@code settings} on {@code clients}. */
    public static IngestProcessor create(LambdaSettings settings, AwsClients clients, RawFrameDecoder rawFrameDecoder) {
        return new IngestProcessor(
                new IngestValidator(settings.timeZone(), settings.futureTolerance(), rawFrameDecoder),
                new ReadingStore(clients.enhanced(), settings.tableName()),
                new DeadLetterWriter(clients.s3(), settings.bucketName(), settings.deadLetterPrefix(), settings.timeZone()));
    }

    public ReadingStore store() {
        return store;
    }

    /** One event, one conditional write (plus the "latest" item). */
    public IngestOutcome process(Map<String, Object> event) {
        ReadingRecord record;
        try {
            record = validator.validate(IngestEvent.parse(event));
        } catch (IngestRejection rejection) {
            return reject(event, rejection);
        }
        ReadingStore.PutResult result = store.putIfAbsent(record);
        return outcome(record, result);
    }

    /** Validates one event without storing it; throws {@link IngestRejection} for bad input. */
    public ReadingRecord validateOne(Map<String, Object> event) {
        return validator.validate(IngestEvent.parse(event));
    }

    IngestOutcome reject(Map<String, Object> event, IngestRejection rejection) {
        String key = deadLetters.write(event, rejection.reason(), rejection.getMessage());
        Object thing = event == null ? null : event.get(IngestRules.FIELD_THING);
        Object topic = event == null ? null : event.get(IngestRules.FIELD_TOPIC);
        LOG.warn("rejected {} from thing {} on topic {}: {} (kept as {})",
                rejection.reason(), thing, topic, rejection.getMessage(), key);
        return new IngestOutcome(IngestOutcome.Status.REJECTED, thing instanceof String t ? t : null,
                topic instanceof String s && s.contains("/") ? s.substring(0, s.indexOf('/')) : null, null,
                rejection.reason(), rejection.getMessage(), key);
    }

    static IngestOutcome outcome(ReadingRecord record, ReadingStore.PutResult result) {
        IngestOutcome.Status status = result == ReadingStore.PutResult.STORED ? IngestOutcome.Status.STORED : IngestOutcome.Status.DUPLICATE;
        if (status == IngestOutcome.Status.DUPLICATE) {
            LOG.info("duplicate {} reading of thing {} at {} ms (already stored)", record.kind().topicPrefix(), record.thing(), record.timestampMs());
        }
        return new IngestOutcome(status, record.thing(), record.kind().topicPrefix(), record.timestampMs(), null, null, null);
    }
}
