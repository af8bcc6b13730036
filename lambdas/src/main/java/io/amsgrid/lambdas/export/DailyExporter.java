package io.amsgrid.lambdas.export;

import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.lambdas.store.ReadingItems;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.rules.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes {@code csv/<thing>/<kind>/<yyyy-mm-dd>.csv} from the table: one file per meter, kind and
 * local date that has readings (no file for a day without any). Rewriting a day gives the same bytes
 * unless readings arrived in between (late outbox replays are picked up by re-running the export).
 */
public final class DailyExporter {
    private static final Logger LOG = LoggerFactory.getLogger(DailyExporter.class);

    /** What one export wrote. */
    public record Summary(List<String> keys, long rows) {
    }

    private final ReadingStore store;
    private final S3Client s3;
    private final String bucket;
    private final ZoneId zone;

    public DailyExporter(ReadingStore store, S3Client s3, String bucket, ZoneId zone) {
        this.store = store;
        this.s3 = s3;
        this.bucket = bucket;
        this.zone = zone;
    }

    /** The S3 key of one file. */
    public static String key(String thing, MessageKind kind, LocalDate date) {
        return "csv/" + thing + "/" + kind.topicPrefix() + "/" + date + ".csv";
    }

    public Summary export(ExportRequest request) {
        List<String> keys = new ArrayList<>();
        long rows = 0;
        for (LocalDate date = request.from(); !date.isAfter(request.to()); date = date.plusDays(1)) {
            long fromMs = date.atStartOfDay(zone).toInstant().toEpochMilli();
            long toMs = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            for (MessageKind kind : request.kinds()) {
                for (String thing : things(request, kind, date)) {
                    List<Map<String, AttributeValue>> items = store.readings(thing, kind, fromMs, toMs);
                    if (items.isEmpty()) {
                        continue;
                    }
                    byte[] csv = csv(kind, items);
                    String key = key(thing, kind, date);
                    s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromBytes(csv));
                    keys.add(key);
                    rows += items.size();
                    LOG.info("wrote {} ({} readings, {} bytes)", key, items.size(), csv.length);
                }
            }
        }
        return new Summary(keys, rows);
    }

    private TreeSet<String> things(ExportRequest request, MessageKind kind, LocalDate date) {
        if (request.thing() != null) {
            return new TreeSet<>(List.of(request.thing()));
        }
        if (kind == MessageKind.PF) {
            TreeSet<String> things = new TreeSet<>();
            store.powerFails(date).forEach(item -> things.add(item.get("thing").s()));
            return things;
        }
        return store.things(kind);
    }

    private static byte[] csv(MessageKind kind, List<Map<String, AttributeValue>> items) {
        return switch (kind) {
            case AVG -> CsvFormat.aggregates(items.stream().map(i -> (AggregatePayload) ReadingItems.toPayload(i)).toList());
            case HR -> CsvFormat.hourly(items.stream().map(i -> (HourlyPayload) ReadingItems.toPayload(i)).toList());
            case PF -> CsvFormat.powerFails(items.stream().map(i -> (PowerFailPayload) ReadingItems.toPayload(i)).toList());
            case RAW -> throw new IllegalArgumentException("raw readings have no CSV form");
        };
    }
}
