package io.amsgrid.lambdas.store;

import io.amsgrid.rules.MessageKind;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;

/**
 * The readings table through the Enhanced Client (documents on the fixed key schema of
 * {@link ReadingTable}). Writes are idempotent on thing + kind + timestamp; SDK exceptions
 * (throttling, network) propagate so Lambda retries. Thread-safe.
 */
public final class ReadingStore {
    /** What a write did. */
    public enum PutResult { STORED, DUPLICATE }

    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)").putExpressionName("#pk", ReadingTable.PK).build();
    private static final int BATCH_WRITE_MAX = 25;
    private static final int BATCH_GET_MAX = 100;
    private static final int BATCH_ATTEMPTS = 8;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EnhancedDocument> table;
    private final DynamoDbIndex<EnhancedDocument> gsi1;
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();

    public ReadingStore(DynamoDbEnhancedClient enhanced, String tableName) {
        this.enhanced = enhanced;
        this.table = enhanced.table(tableName, ReadingTable.SCHEMA);
        this.gsi1 = table.index(ReadingTable.GSI1);
    }

    /**
     * Writes the reading unless one with the same key exists (conditional put), then brings the
     * meter's "latest" item forward if this reading is newer. A duplicate still runs the second
     * step, so a retry after a failure between the two completes the work.
     */
    public PutResult putIfAbsent(ReadingRecord record) {
        PutResult result;
        try {
            var response = table.putItemWithResponse(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(EnhancedDocument.fromAttributeValueMap(record.item()))
                    .conditionExpression(NOT_EXISTS).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            count(writeUnits, response.consumedCapacity(), ItemSize.writeUnits(record.item()));
            result = PutResult.STORED;
        } catch (ConditionalCheckFailedException duplicate) {
            writeUnits.add(ItemSize.writeUnits(record.item())); // a failed condition still consumes the write
            result = PutResult.DUPLICATE;
        }
        if (record.tracksLatest()) {
            putLatestIfNewer(record);
        }
        return result;
    }

    private void putLatestIfNewer(ReadingRecord record) {
        Expression newer = Expression.builder()
                .expression("attribute_not_exists(#pk) OR #ts < :ts")
                .putExpressionName("#pk", ReadingTable.PK).putExpressionName("#ts", ReadingItems.TS)
                .putExpressionValue(":ts", ReadingItems.n(record.timestampMs())).build();
        Map<String, AttributeValue> latest = record.latestItem();
        try {
            var response = table.putItemWithResponse(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(EnhancedDocument.fromAttributeValueMap(latest))
                    .conditionExpression(newer).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            count(writeUnits, response.consumedCapacity(), 2 * ItemSize.writeUnits(latest));
        } catch (ConditionalCheckFailedException older) {
            writeUnits.add(ItemSize.writeUnits(latest));
        }
    }

    /**
     * The batch path: one BatchGetItem finds which readings exist (those are duplicates and are not
     * written again: the first write stands), BatchWriteItem writes the rest, and the "latest"
     * items move forward where a reading of this batch is newer than what is stored. Not atomic
     * against a concurrent writer of the same key: see {@code docs/storage.md}.
     *
     * @return one result per record, in order
     */
    public List<PutResult> putAllIfAbsent(List<ReadingRecord> records) {
        Map<Map<String, AttributeValue>, Integer> firstIndex = new LinkedHashMap<>();
        Map<Map<String, AttributeValue>, ReadingRecord> latestByPk = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ReadingRecord r = records.get(i);
            if (firstIndex.putIfAbsent(r.key(), i) == null) {
                keys.add(r.key());
            }
            if (r.tracksLatest()) {
                latestByPk.merge(r.latestKey(), r, (a, b) -> a.timestampMs() >= b.timestampMs() ? a : b);
            }
        }
        keys.addAll(latestByPk.keySet());
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> existing = batchGet(keys);

        List<PutResult> results = new ArrayList<>(records.size());
        List<Map<String, AttributeValue>> toWrite = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ReadingRecord r = records.get(i);
            boolean first = firstIndex.get(r.key()) == i;
            if (first && !existing.containsKey(r.key())) {
                toWrite.add(r.item());
                results.add(PutResult.STORED);
            } else {
                results.add(PutResult.DUPLICATE);
            }
        }
        latestByPk.forEach((latestKey, r) -> {
            Map<String, AttributeValue> stored = existing.get(latestKey);
            if (stored == null || Long.parseLong(stored.get(ReadingItems.TS).n()) < r.timestampMs()) {
                toWrite.add(r.latestItem());
            }
        });
        batchWrite(toWrite);
        return results;
    }

    private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
            ReadBatch.Builder<EnhancedDocument> batch = ReadBatch.builder(EnhancedDocument.class).mappedTableResource(table);
            keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX)).forEach(k -> batch.addGetItem(key(k)));
            // The page iterable follows UnprocessedKeys itself.
            enhanced.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()).forEach(page -> {
                page.consumedCapacity().forEach(c -> readUnits.add(c.capacityUnits() == null ? 0 : c.capacityUnits()));
                for (EnhancedDocument doc : page.resultsForTable(table)) {
                    Map<String, AttributeValue> item = doc.toMap();
                    found.put(Map.of(ReadingTable.PK, item.get(ReadingTable.PK), ReadingTable.SK, item.get(ReadingTable.SK)), item);
                }
            });
        }
        return found;
    }

    private void batchWrite(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE_MAX) {
            List<EnhancedDocument> pending = items.subList(from, Math.min(items.size(), from + BATCH_WRITE_MAX)).stream()
                    .map(EnhancedDocument::fromAttributeValueMap).toList();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " items stayed unprocessed after "
                            + BATCH_ATTEMPTS + " BatchWriteItem attempts (throttled)");
                }
                if (attempt > 1) {
                    backoff(attempt);
                }
                WriteBatch.Builder<EnhancedDocument> batch = WriteBatch.builder(EnhancedDocument.class).mappedTableResource(table);
                pending.forEach(batch::addPutItem);
                BatchWriteResult result = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                        .writeBatches(batch.build()).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                List<EnhancedDocument> unprocessed = result.unprocessedPutItemsForTable(table);
                List<EnhancedDocument> written = pending;
                count(writeUnits, result.consumedCapacity(), () -> written.stream().filter(d -> !unprocessed.contains(d))
                        .map(EnhancedDocument::toMap)
                        .mapToDouble(m -> ItemSize.writeUnits(m) * (m.containsKey(ReadingTable.GSI1_PK) ? 2 : 1)).sum());
                pending = unprocessed;
            }
        }
    }

    /** One meter's readings of one kind with {@code fromMs <= timestamp < toMs}, oldest first. */
    public List<Map<String, AttributeValue>> readings(String thing, MessageKind kind, long fromMs, long toMs) {
        fromMs = Math.max(0, fromMs);
        toMs = Math.min(toMs, Keys.MAX_TIMESTAMP_MS + 1);
        if (toMs <= fromMs) {
            return List.of();
        }
        String pk = Keys.pk(thing, kind);
        QueryConditional range = QueryConditional.sortBetween(
                Key.builder().partitionValue(pk).sortValue(Keys.sk(fromMs)).build(),
                Key.builder().partitionValue(pk).sortValue(Keys.sk(toMs - 1)).build());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.query(QueryEnhancedRequest.builder().queryConditional(range).consistentRead(true).build())
                .items().forEach(d -> items.add(d.toMap()));
        return items;
    }

    /** Every meter's "latest reading" item of {@code kind} (gsi1), ordered by thing. */
    public List<Map<String, AttributeValue>> latest(MessageKind kind) {
        return queryIndex(Keys.latestIndexPk(kind));
    }

    /** The things that have a "latest reading" of {@code kind}. */
    public TreeSet<String> things(MessageKind kind) {
        TreeSet<String> things = new TreeSet<>();
        latest(kind).forEach(item -> things.add(item.get(ReadingItems.THING).s()));
        return things;
    }

    /** All power-fail events of a local date (gsi1), ordered by signal time then thing. */
    public List<Map<String, AttributeValue>> powerFails(LocalDate day) {
        return queryIndex(Keys.powerFailDayPk(day));
    }

    private List<Map<String, AttributeValue>> queryIndex(String gsi1pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        gsi1.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(gsi1pk).build()))
                .forEach(page -> page.items().forEach(d -> items.add(d.toMap())));
        return items;
    }

    /** Write capacity units consumed so far (as DynamoDB reports them, or estimated from item sizes when it does not). */
    public double consumedWriteUnits() {
        return writeUnits.sum();
    }

    /** Read capacity units consumed by the batch path's existence checks so far. */
    public double consumedReadUnits() {
        return readUnits.sum();
    }

    private static void count(DoubleAdder adder, ConsumedCapacity reported, double estimate) {
        adder.add(reported != null && reported.capacityUnits() != null ? reported.capacityUnits() : estimate);
    }

    /** Adds what DynamoDB reported; only when it reported nothing, the estimate (computed then: it costs a walk of every item). */
    private static void count(DoubleAdder adder, List<ConsumedCapacity> reported, DoubleSupplier estimate) {
        if (reported == null || reported.isEmpty()) {
            adder.add(estimate.getAsDouble());
        } else {
            reported.forEach(c -> count(adder, c, 0));
        }
    }

    private static Key key(Map<String, AttributeValue> key) {
        return Key.builder().partitionValue(key.get(ReadingTable.PK).s()).sortValue(key.get(ReadingTable.SK).s()).build();
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 25L << attempt) + (long) (Math.random() * 25));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }
}
