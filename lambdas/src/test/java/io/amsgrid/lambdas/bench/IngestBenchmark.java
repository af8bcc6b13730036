package io.amsgrid.lambdas.bench;

import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.export.ExportHandler;
import io.amsgrid.lambdas.ingest.BatchIngestHandler;
import io.amsgrid.lambdas.ingest.IngestEvent;
import io.amsgrid.lambdas.ingest.IngestHandler;
import io.amsgrid.lambdas.ingest.IngestMetrics;
import io.amsgrid.lambdas.ingest.IngestProcessor;
import io.amsgrid.lambdas.ingest.IngestValidator;
import io.amsgrid.lambdas.ingest.RawFrameDecoder;
import io.amsgrid.lambdas.store.ItemSize;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.lambdas.store.ReadingTable;
import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.lambdas.testing.Traffic;
import io.amsgrid.local.dynamodb.Dynalite;
import io.amsgrid.local.s3.LocalS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest throughput (decode only; decode + write through the single handler, 1 and 8 threads;
 * the SQS batch handler with batches of 100) against dynalite and s3proxy, plus write units and
 * API calls per message. Run with {@code scripts/bench-lambdas.sh}; figures go to docs/benchmarks.md.
 */
public final class IngestBenchmark {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        System.setProperty("http.maxConnections", "16"); // URLConnection keeps 5 idle connections per host by default
        try (Dynalite dynalite = Dynalite.start(); LocalS3 s3 = LocalS3.startTransient()) {
            LambdaSettings settings = LambdaSettings.local("bench", "bench-data", dynalite.endpoint(), s3.endpoint());
            AwsClients clients = countingClients(settings, s3);
            ReadingTable.create(clients.dynamoDb(), "bench");
            clients.s3().createBucket(b -> b.bucket("bench-data"));

            Traffic traffic = Traffic.generate(1, n, 50, 0.0, 0.0);
            decodeOnly(traffic.events(), settings);

            // Warm-up (JIT, dynalite, connections): not reported.
            single(null, Traffic.generate(9, n / 4, 50, 0.0, 0.0).events(), settings, clients, 8, "warm-");
            single("single invocations, 1 thread", Traffic.generate(2, n / 4, 50, 0.0, 0.0).events(), settings, clients, 1, "run1-");
            single("single invocations, 8 threads", traffic.events(), settings, clients, 8, "run8-");
            batches(Traffic.generate(3, n, 50, 0.0, 0.0).events(), settings, clients);
            duplicatesAndRejects(settings, clients, n);
            export(settings, clients);
            itemSizes(settings);
        }
    }

    private static void decodeOnly(List<Map<String, Object>> events, LambdaSettings settings) {
        IngestValidator validator = new IngestValidator(settings.timeZone(), settings.futureTolerance(), RawFrameDecoder.UNAVAILABLE);
        for (int warm = 0; warm < 3; warm++) {
            events.forEach(e -> validator.validate(IngestEvent.parse(e)));
        }
        long t0 = System.nanoTime();
        int rounds = 10;
        for (int r = 0; r < rounds; r++) {
            events.forEach(e -> validator.validate(IngestEvent.parse(e)));
        }
        report("decode + validate + build item (no I/O)", (long) events.size() * rounds, System.nanoTime() - t0);
    }

    private static void single(String label, List<Map<String, Object>> events, LambdaSettings settings, AwsClients clients,
                               int threads, String thingPrefix) throws Exception {
        List<Map<String, Object>> renamed = rename(events, thingPrefix);
        IngestProcessor processor = IngestProcessor.create(settings, clients, RawFrameDecoder.UNAVAILABLE);
        IngestHandler handler = new IngestHandler(processor, new IngestMetrics());
        CALLS.clear();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            renamed.forEach(e -> futures.add(pool.submit(() -> handler.handleRequest(e, new LocalContext("bench")))));
            for (Future<?> f : futures) {
                f.get();
            }
        }
        if (label != null) {
            report(label, renamed.size(), System.nanoTime() - t0);
            perMessage(renamed.size(), processor.store());
        }
    }

    private static void batches(List<Map<String, Object>> events, LambdaSettings settings, AwsClients clients) {
        List<Map<String, Object>> renamed = rename(events, "batch-");
        IngestProcessor processor = IngestProcessor.create(settings, clients, RawFrameDecoder.UNAVAILABLE);
        BatchIngestHandler handler = new BatchIngestHandler(processor, new IngestMetrics());
        CALLS.clear();
        long t0 = System.nanoTime();
        for (int from = 0; from < renamed.size(); from += 100) {
            var response = handler.handleRequest(Fixtures.sqsEventOf(renamed.subList(from, Math.min(renamed.size(), from + 100)), from),
                    new LocalContext("bench"));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("batch failures: " + response.getBatchItemFailures().size());
            }
        }
        report("SQS batches of 100, 1 thread", renamed.size(), System.nanoTime() - t0);
        perMessage(renamed.size(), processor.store());
    }

    private static void duplicatesAndRejects(LambdaSettings settings, AwsClients clients, int n) {
        Traffic traffic = Traffic.generate(4, n / 4, 50, 0.10, 0.01);
        List<Map<String, Object>> renamed = rename(traffic.events(), "mixed-");
        IngestProcessor processor = IngestProcessor.create(settings, clients, RawFrameDecoder.UNAVAILABLE);
        IngestHandler handler = new IngestHandler(processor, new IngestMetrics());
        CALLS.clear();
        long t0 = System.nanoTime();
        renamed.forEach(e -> handler.handleRequest(e, new LocalContext("bench")));
        report("single, 10% duplicates + 1% damaged, 1 thread", renamed.size(), System.nanoTime() - t0);
        perMessage(renamed.size(), processor.store());
    }

    private static void export(LambdaSettings settings, AwsClients clients) {
        CALLS.clear();
        long t0 = System.nanoTime();
        Map<String, Object> result = new ExportHandler(settings, clients).handleRequest(
                Map.of("from", Traffic.DAY.toString(), "to", Traffic.DAY.toString()), new LocalContext("bench"));
        System.out.printf("export of %s: %s readings into %s files in %.1f s; calls %s%n", Traffic.DAY, result.get("rows"),
                result.get("files"), (System.nanoTime() - t0) / 1e9, new TreeMap<>(CALLS));
    }

    private static void itemSizes(LambdaSettings settings) {
        IngestValidator validator = new IngestValidator(settings.timeZone(), settings.futureTolerance(), RawFrameDecoder.UNAVAILABLE);
        for (String fixture : List.of("avg-binary.json", "hr-binary.json", "pf-binary.json")) {
            var record = validator.validate(IngestEvent.parse(Fixtures.event(fixture)));
            System.out.printf("item %s: %d bytes (%d WCU)%n", fixture, ItemSize.bytes(record.item()), ItemSize.writeUnits(record.item()));
        }
        var stats = new java.util.EnumMap<io.amsgrid.codec.meter.Measurement, io.amsgrid.codec.payload.AggregatePayload.Stats>(
                io.amsgrid.codec.meter.Measurement.class);
        for (var m : io.amsgrid.codec.meter.Measurement.values()) {
            if (m.isInstantaneous()) {
                stats.put(m, new io.amsgrid.codec.payload.AggregatePayload.Stats(1234.567f, 1000.123f, 2345.678f, 360));
            }
        }
        var full = io.amsgrid.lambdas.store.ReadingItems.of(new io.amsgrid.codec.payload.AggregatePayload(
                4_000_000_000L, 1_700_000_000L, 60, "7359992890941742", stats), "gw-0001", 1_700_000_000_000L, settings.timeZone());
        System.out.printf("item three-phase aggregate, all 10 measurements, 16-digit meter id: %d bytes (%d WCU); latest item %d bytes%n",
                ItemSize.bytes(full.item()), ItemSize.writeUnits(full.item()), ItemSize.bytes(full.latestItem()));
    }

    private static void report(String label, long messages, long nanos) {
        double s = nanos / 1e9;
        System.out.printf("%-48s %7d messages in %6.1f s = %8.0f messages/s%n", label, messages, s, messages / s);
    }

    private static void perMessage(int messages, ReadingStore store) {
        TreeMap<String, String> perMessage = new TreeMap<>();
        CALLS.forEach((op, count) -> perMessage.put(op, String.format("%.3f", count.doubleValue() / messages)));
        System.out.printf("    per message: WCU %.2f, RCU %.3f, calls %s%n", store.consumedWriteUnits() / messages,
                store.consumedReadUnits() / messages, perMessage);
    }

    private static List<Map<String, Object>> rename(List<Map<String, Object>> events, String prefix) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            Map<String, Object> copy = new java.util.HashMap<>(e);
            String thing = prefix + e.get("thing");
            copy.put("thing", thing);
            String topic = (String) e.get("topic");
            copy.put("topic", topic.substring(0, topic.indexOf('/') + 1) + thing);
            out.add(copy);
        }
        return out;
    }

    private static AwsClients countingClients(LambdaSettings settings, LocalS3 s3) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String op = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                CALLS.computeIfAbsent(op, k -> new LongAdder()).increment();
            }
        };
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        var http = UrlConnectionHttpClient.create();
        DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(settings.dynamoDbEndpoint()).region(Region.EU_NORTH_1)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
        S3Client s3Client = S3Client.builder().endpointOverride(settings.s3Endpoint()).forcePathStyle(true).region(Region.EU_NORTH_1)
                .credentialsProvider(credentials).httpClient(http).overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
        return new AwsClients(ddb, DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build(), s3Client);
    }
}
