package io.amsgrid.lambdas.ingest;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.export.ExportHandler;
import io.amsgrid.lambdas.store.Decimals;
import io.amsgrid.lambdas.store.ReadingItems;
import io.amsgrid.lambdas.testing.LocalAws;
import io.amsgrid.lambdas.testing.Traffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Done-means of issue 4: 10,000 messages with 10% duplicates and 1% damaged ones through the ingest
 * handler (8 threads) into dynalite and s3proxy; the table holds exactly the distinct good readings,
 * the CSV export matches them value for value, the damaged ones are dead letters with their reasons.
 */
class IngestLoadIT {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoadIT.class);
    static LocalAws aws;
    static Traffic traffic;
    static List<IngestOutcome.Status> statuses = new ArrayList<>();

    @BeforeAll
    static void ingestEverything() throws Exception {
        aws = new LocalAws();
        traffic = Traffic.generate(42, 10_000, 50, 0.10, 0.01);
        IngestHandler handler = new IngestHandler(aws.processor(), aws.metrics());
        ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Map<String, Object> event : traffic.events()) {
                futures.add(pool.submit(() -> results.add((String) handler.handleRequest(event, new LocalContext("ingest")).get("status"))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.warn("ingested {} events in {} s: {} messages/s (8 threads, dynalite)", traffic.events().size(),
                String.format("%.1f", seconds), String.format("%.0f", traffic.events().size() / seconds));
        results.forEach(s -> statuses.add(IngestOutcome.Status.valueOf(s)));
        new ExportHandler(aws.settings, aws.clients).handleRequest(
                Map.of("from", Traffic.DAY.toString(), "to", Traffic.DAY.toString()), new LocalContext("export"));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void ingest_outcomes_countEveryEventOnce() {
        Map<IngestOutcome.Status, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(traffic.events()).hasSize(10_000);
        assertThat(counts.get(IngestOutcome.Status.STORED)).isEqualTo(traffic.distinctGood().size());
        assertThat(counts.get(IngestOutcome.Status.DUPLICATE)).isEqualTo(traffic.duplicates()).isEqualTo(1_000);
        assertThat(counts.get(IngestOutcome.Status.REJECTED)).isEqualTo(100);
    }

    @Test
    void table_holdsExactlyTheDistinctGoodReadings() {
        Map<Traffic.Key, Payload> stored = new HashMap<>();
        for (Map<String, AttributeValue> item : aws.scan()) {
            if (!item.get("sk").s().equals("latest")) {
                Payload p = ReadingItems.toPayload(item);
                Payload previous = stored.put(new Traffic.Key(item.get("thing").s(), item.get("kind").s(), ReadingItems.timestampMs(p)), p);
                assertThat(previous).as("one item per key").isNull();
            }
        }
        assertThat(stored).isEqualTo(traffic.distinctGood());
    }

    @Test
    void table_latestItemIsTheNewestReadingOfEachThingAndKind() {
        Map<String, Long> newest = new HashMap<>();
        traffic.distinctGood().keySet().stream().filter(k -> !k.kind().equals("pf"))
                .forEach(k -> newest.merge(k.thing() + "#" + k.kind(), k.timestampMs(), Math::max));
        Map<String, Long> latest = new HashMap<>();
        aws.scan().stream().filter(i -> i.get("sk").s().equals("latest"))
                .forEach(i -> latest.put(i.get("pk").s(), Long.parseLong(i.get("ts").n())));
        assertThat(latest).isEqualTo(newest);
    }

    @Test
    void export_csvMatchesInputValueForValue() {
        Map<String, List<Payload>> expected = new HashMap<>();
        traffic.distinctGood().forEach((k, p) -> expected.computeIfAbsent(
                "csv/" + k.thing() + "/" + k.kind() + "/" + Traffic.DAY + ".csv", x -> new ArrayList<>()).add(p));
        assertThat(aws.keys("csv/")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, payloads) -> {
            List<Map<String, String>> rows = parse(aws.object(key));
            if (!key.contains("/pf/")) {
                assertThat(rows).as(key).hasSameSizeAs(payloads);
            }
            if (key.contains("/avg/")) {
                payloads.sort((a, b) -> Long.compare(((AggregatePayload) a).windowStartEpochS(), ((AggregatePayload) b).windowStartEpochS()));
                for (int i = 0; i < rows.size(); i++) {
                    assertAggregateRow(rows.get(i), (AggregatePayload) payloads.get(i), key);
                }
            } else if (key.contains("/hr/")) {
                payloads.sort((a, b) -> Long.compare(((HourlyPayload) a).hourStartEpochS(), ((HourlyPayload) b).hourStartEpochS()));
                for (int i = 0; i < rows.size(); i++) {
                    HourlyPayload h = (HourlyPayload) payloads.get(i);
                    assertThat(rows.get(i).get("timestamp")).isEqualTo(Long.toString(h.hourStartEpochS()));
                    for (Measurement m : List.of(Measurement.ACTIVE_IMPORT_WH, Measurement.ACTIVE_EXPORT_WH,
                            Measurement.REACTIVE_IMPORT_VARH, Measurement.REACTIVE_EXPORT_VARH)) {
                        Long v = h.registers().get(m);
                        assertThat(rows.get(i).get(m.fieldName())).as(key).isEqualTo(v == null ? "" : v.toString());
                    }
                }
            } else {
                List<Map<String, String>> expectedRows = new ArrayList<>();
                payloads.stream().map(p -> (PowerFailPayload) p).sorted((a, b) -> Long.compare(a.signalAtEpochMs(), b.signalAtEpochMs()))
                        .forEach(p -> p.samples().forEach(s -> {
                            Map<String, String> row = new HashMap<>();
                            row.put("timestamp", Decimals.secondsOfMillis(s.timeEpochMs()));
                            s.voltagesV().forEach((m, v) -> row.put(m.fieldName(), Decimals.of(v)));
                            expectedRows.add(row);
                        }));
                List<Map<String, String>> actual = parse(aws.object(key)).stream()
                        .map(r -> { r.values().removeIf(String::isEmpty); return r; }).toList();
                assertThat(actual).as(key).containsExactlyInAnyOrderElementsOf(expectedRows);
            }
        });
    }

    private static void assertAggregateRow(Map<String, String> row, AggregatePayload p, String key) {
        assertThat(row.get("timestamp")).as(key).isEqualTo(Long.toString(p.windowStartEpochS()));
        boolean threePhase = row.containsKey("voltageL2V_avg");
        for (Measurement m : Measurement.values()) {
            if (!m.isInstantaneous() || !threePhase && !row.containsKey(m.fieldName() + "_avg")) {
                assertThat(p.measurements()).as(key + " single-phase file").doesNotContainKey(m);
                continue;
            }
            AggregatePayload.Stats s = p.measurements().get(m);
            if (s == null) {
                assertThat(row.get(m.fieldName() + "_avg")).isEmpty();
            } else {
                assertThat(Float.parseFloat(row.get(m.fieldName() + "_avg"))).as(key + " " + m).isEqualTo(s.avg());
                assertThat(Float.parseFloat(row.get(m.fieldName() + "_min"))).as(key + " " + m).isEqualTo(s.min());
                assertThat(Float.parseFloat(row.get(m.fieldName() + "_max"))).as(key + " " + m).isEqualTo(s.max());
            }
        }
        int samples = p.measurements().values().stream().mapToInt(AggregatePayload.Stats::samples).max().orElseThrow();
        assertThat(row.get("samples")).isEqualTo(Integer.toString(samples));
    }

    @Test
    void deadLetters_holdEveryDamagedEventUnderItsReason() {
        Map<IngestRejectReason, Long> expected = new EnumMap<>(IngestRejectReason.class);
        traffic.damaged().values().forEach(r -> expected.merge(r, 1L, Long::sum));
        Map<IngestRejectReason, Long> actual = new EnumMap<>(IngestRejectReason.class);
        aws.keys("dead-letter/").forEach(k -> actual.merge(IngestRejectReason.valueOf(k.split("/")[1]), 1L, Long::sum));
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.keySet()).hasSizeGreaterThanOrEqualTo(6);
    }

    static List<Map<String, String>> parse(String csv) {
        String[] lines = csv.split("\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
