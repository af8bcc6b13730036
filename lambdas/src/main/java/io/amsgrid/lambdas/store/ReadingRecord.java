package io.amsgrid.lambdas.store;

import io.amsgrid.rules.MessageKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * One reading ready to store: its item (attributes of {@code docs/storage.md}) and what identifies it.
 *
 * @param thing       the gateway's thing name
 * @param kind        the message kind
 * @param timestampMs the reading's time (window start, meter hour, failure signal), UNIX ms: with
 *                    thing and kind the idempotency key
 * @param item        the complete item, keys included
 */
public record ReadingRecord(String thing, MessageKind kind, long timestampMs, Map<String, AttributeValue> item) {
    public ReadingRecord {
        item = Map.copyOf(item);
    }

    /** The primary key of the reading item. */
    public Map<String, AttributeValue> key() {
        return Map.of(ReadingTable.PK, item.get(ReadingTable.PK), ReadingTable.SK, item.get(ReadingTable.SK));
    }

    /** Whether a "latest reading" item is kept for this kind (interval aggregates and hourly registers). */
    public boolean tracksLatest() {
        return kind == MessageKind.AVG || kind == MessageKind.HR;
    }

    /** The "latest reading" item: the same attributes under sort key {@code latest}, indexed by gsi1. */
    public Map<String, AttributeValue> latestItem() {
        Map<String, AttributeValue> latest = new HashMap<>(item);
        latest.put(ReadingTable.SK, AttributeValue.fromS(Keys.LATEST_SK));
        latest.put(ReadingTable.GSI1_PK, AttributeValue.fromS(Keys.latestIndexPk(kind)));
        latest.put(ReadingTable.GSI1_SK, AttributeValue.fromS(thing));
        return latest;
    }

    /** The primary key of the "latest reading" item. */
    public Map<String, AttributeValue> latestKey() {
        return Map.of(ReadingTable.PK, item.get(ReadingTable.PK), ReadingTable.SK, AttributeValue.fromS(Keys.LATEST_SK));
    }
}
