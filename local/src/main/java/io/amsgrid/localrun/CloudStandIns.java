package io.amsgrid.localrun;

import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.export.ExportHandler;
import io.amsgrid.lambdas.ingest.BatchIngestHandler;
import io.amsgrid.lambdas.ingest.IngestHandler;
import io.amsgrid.lambdas.ingest.IngestMetrics;
import io.amsgrid.lambdas.ingest.IngestProcessor;
import io.amsgrid.lambdas.ingest.CodecRawFrameDecoder;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.lambdas.store.ReadingTable;
import io.amsgrid.local.dynamodb.Dynalite;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.rules.LocalEventSourceMapping;
import io.amsgrid.local.rules.LocalLambdaContext;
import io.amsgrid.local.rules.LocalRulesEngine;
import io.amsgrid.local.rules.LocalSqsQueue;
import io.amsgrid.local.s3.LocalS3;
import io.amsgrid.local.shadow.ShadowService;
import io.amsgrid.rules.BatchedRoute;
import io.amsgrid.rules.IngestRoute;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.TopicRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cloud side of amsgrid on one machine: DynamoDB (dynalite), S3 (s3proxy), an MQTT broker with
 * mutual TLS and a local CA (mosquitto), the device shadow service, the IoT rules as the CDK app
 * deploys them, and the same Lambda handler classes, pointed at the stand-ins by endpoint only.
 *
 * <p>LocalStack mode: with {@code AWS_ENDPOINT_URL} set (e.g. {@code http://localhost:4566}),
 * DynamoDB and S3 are that endpoint's instead of the embedded ones; MQTT, rules and shadow stay
 * local (LocalStack's IoT is not in its community edition).
 *
 * <p>The ingest route is the CDK app's ({@link IngestRoute}): {@code direct}, the rules invoke the
 * ingest handler once per message; {@code batched}, the rules' SQS action sends to an in-process
 * stand-in of the queue ({@link LocalSqsQueue}) and an event source mapping ({@link LocalEventSourceMapping})
 * hands the batch ingest handler batches as {@link BatchedRoute} sets them.
 */
public final class CloudStandIns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudStandIns.class);
    public static final String TABLE = "amsgrid-readings";
    public static final String BUCKET = "amsgrid-data";
    /**
     * Concurrent ingest "instances": the IoT rule invokes the Lambda asynchronously and Lambda runs
     * as many instances as the backlog needs (the stack sets no reserved concurrency), each handling
     * one event at a time. Bounded here so one machine is not swamped; override with
     * {@code AMSGRID_LOCAL_LAMBDA_INSTANCES}.
     */
    public static final int DEFAULT_LAMBDA_INSTANCES = 16;
    /**
     * The batched route's queue visibility timeout. AWS: six function timeouts (360 s); locally 30 s,
     * well above the 5 s batching window plus a batch's handling, and short enough that a failed item
     * comes back before the end-of-run drain gives up (60 s without progress).
     */
    public static final Duration QUEUE_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Pollers of the batched route's mapping while the queue is short. */
    public static final int MIN_QUEUE_POLLERS = 2;
    /**
     * At most this many pollers (Lambda scales a mapping's pollers with the backlog, up to the
     * function's concurrency); override with {@code AMSGRID_LOCAL_QUEUE_POLLERS}. More than a few
     * only queue at dynalite, which answers one request at a time.
     */
    public static final int DEFAULT_QUEUE_POLLERS = 8;
    static final String QUEUE_NAME = "amsgrid-ingest";

    static {
        // the Lambdas' URLConnection client keeps only 5 idle connections per host by default: with
        // more concurrent instances the rest would open and close a connection per request
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(4 * DEFAULT_LAMBDA_INSTANCES));
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final LocalBroker broker;
    private final ShadowService shadows;
    private final LambdaSettings settings;
    private final AwsClients clients;
    private final IngestRoute route;
    private final LocalRulesEngine rules;
    private LocalSqsQueue queue;
    private LocalEventSourceMapping mapping;
    private final ReadingStore store;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final StoreLatency latency = new StoreLatency();

    private CloudStandIns(Path dir, IngestRoute route) {
        this.route = route;
        try {
            String external = System.getenv("AWS_ENDPOINT_URL");
            URI dynamoDb;
            URI s3;
            StaticCredentialsProvider credentials;
            if (external != null && !external.isBlank()) {
                dynamoDb = URI.create(external);
                s3 = URI.create(external);
                credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
                LOG.info("LocalStack mode: DynamoDB and S3 at {}", external);
            } else {
                Dynalite dynalite = Dynalite.start();
                started.add(dynalite);
                Files.createDirectories(dir.resolve("s3"));
                LocalS3 localS3 = LocalS3.startFilesystem(dir.resolve("s3"));
                started.add(localS3);
                dynamoDb = dynalite.endpoint();
                s3 = localS3.endpoint();
                credentials = StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localS3.accessKey(), localS3.secretKey()));
            }
            settings = LambdaSettings.local(TABLE, BUCKET, dynamoDb, s3);
            clients = AwsClients.create(settings, credentials);
            createTableAndBucket();
            broker = LocalBroker.start(dir.resolve("broker"));
            started.add(broker);
            shadows = ShadowService.start(broker);
            started.add(shadows);
            IngestProcessor processor = IngestProcessor.create(settings, clients, new CodecRawFrameDecoder());
            store = processor.store();
            rules = switch (route) {
                case DIRECT -> startDirect(processor);
                case BATCHED -> startBatched(processor);
            };
            started.add(rules);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The rules invoke the ingest handler asynchronously, one message per invocation. */
    private LocalRulesEngine startDirect(IngestProcessor processor) {
        IngestHandler ingest = new IngestHandler(processor, new IngestMetrics());
        return LocalRulesEngine.start(broker, IngestRules.all(), (rule, event) -> {
            Map<String, Object> result = ingest.handleRequest(event, new LocalLambdaContext(rule.name(), 30, 512));
            if (event.get(IngestRules.FIELD_RECEIVED_AT_MS) instanceof Number receivedAtMs) {
                latency.record(receivedAtMs.longValue(), System.currentTimeMillis());
            }
            count(String.valueOf(result.get("status")));
        }, (f, attempts) -> failed.incrementAndGet(), lambdaInstances(), Duration.ofSeconds(1));
    }

    /** The ingest rules send to the queue; the mapping hands batches to the batch ingest handler. */
    private LocalRulesEngine startBatched(IngestProcessor processor) {
        queue = new LocalSqsQueue(QUEUE_NAME, QUEUE_VISIBILITY_TIMEOUT, BatchedRoute.MAX_RECEIVE_COUNT, dead -> {
            failed.incrementAndGet();
            LOG.error("queue {}: message {} failed {} receives; moved to the dead-letter list", QUEUE_NAME,
                    dead.messageId(), dead.receiveCount());
        });
        BatchIngestHandler handler = new BatchIngestHandler(processor,
                new IngestMetrics(outcomes -> outcomes.forEach(o -> count(o.status().name()))));
        mapping = LocalEventSourceMapping.start(queue, new BatchedIngest(handler, QUEUE_NAME, settings.region(), latency),
                BatchedRoute.BATCH_SIZE, Duration.ofSeconds(BatchedRoute.MAX_BATCHING_WINDOW_SECONDS),
                Math.min(MIN_QUEUE_POLLERS, queuePollers()), queuePollers());
        started.add(mapping);
        // only the ingest rules take the SQS action (a rotation rule, if started here, would still be invoked)
        return LocalRulesEngine.start(broker, IngestRules.all(), (rule, event) -> {
            throw new IllegalStateException("rule " + rule.name() + " has no direct target on the batched route");
        }, (f, attempts) -> failed.incrementAndGet(), 1, Duration.ofSeconds(1),
                new LocalRulesEngine.SqsAction(queue, (TopicRule r) -> r instanceof io.amsgrid.rules.IngestRule));
    }

    private void count(String status) {
        switch (status) {
            case "STORED" -> stored.incrementAndGet();
            case "DUPLICATE" -> duplicates.incrementAndGet();
            default -> rejected.incrementAndGet();
        }
    }

    static int lambdaInstances() {
        return intSetting("AMSGRID_LOCAL_LAMBDA_INSTANCES", DEFAULT_LAMBDA_INSTANCES, 256);
    }

    static int queuePollers() {
        return intSetting("AMSGRID_LOCAL_QUEUE_POLLERS", DEFAULT_QUEUE_POLLERS, 64);
    }

    private static int intSetting(String name, int defaultValue, int max) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be 1.." + max + ", was '" + v + "'");
    }

    /** Starts every stand-in with the direct route, keeping state under {@code dir}. */
    public static CloudStandIns start(Path dir) {
        return start(dir, IngestRoute.DIRECT);
    }

    /** Starts every stand-in with the ingest {@code route}, keeping state under {@code dir}. */
    public static CloudStandIns start(Path dir, IngestRoute route) {
        return new CloudStandIns(dir, route);
    }

    public IngestRoute route() {
        return route;
    }

    /** One line on how rule events reach the ingest, with the batched route's queue figures. */
    public String routeLine() {
        if (mapping == null) {
            return String.format("ingest route: direct (one asynchronous invocation per message, %d instances)",
                    lambdaInstances());
        }
        long batches = mapping.batches();
        return String.format(java.util.Locale.ROOT, "ingest route: batched (local SQS stand-in: batches of up to %d, "
                        + "%d s window, %d to %d pollers, at most %d at once): %d batches, %.1f messages per batch, %d item failures, "
                        + "%d whole-batch failures, %d dead-lettered; latency includes the time queued and the window",
                BatchedRoute.BATCH_SIZE, BatchedRoute.MAX_BATCHING_WINDOW_SECONDS, Math.min(MIN_QUEUE_POLLERS, queuePollers()),
                queuePollers(), mapping.peakPollers(), batches,
                batches == 0 ? 0.0 : (double) mapping.messagesDelivered() / batches, mapping.itemFailures(),
                mapping.batchFailures(), queue.deadLetters().size());
    }

    private void createTableAndBucket() {
        if (!clients.dynamoDb().listTables().tableNames().contains(TABLE)) {
            ReadingTable.create(clients.dynamoDb(), TABLE);
        }
        if (clients.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            clients.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    public LocalBroker broker() {
        return broker;
    }

    public ShadowService shadows() {
        return shadows;
    }

    public LocalRulesEngine rules() {
        return rules;
    }

    public ReadingStore store() {
        return store;
    }

    public LambdaSettings settings() {
        return settings;
    }

    public AwsClients clients() {
        return clients;
    }

    public long stored() {
        return stored.get();
    }

    /** Redeliveries the ingest recognised and did not store again. */
    public long duplicatesDiscarded() {
        return duplicates.get();
    }

    /** Messages/s and latency from the rules engine's receipt to the ingest's answer. */
    public StoreLatency.Snapshot latency() {
        return latency.snapshot();
    }

    public long rejected() {
        return rejected.get();
    }

    /**
     * Events that failed after the async retries (direct: would be in the on-failure destination) or
     * the receives (batched: in the dead-letter queue).
     */
    public long failed() {
        return failed.get();
    }

    /** Runs the export handler for local dates {@code from..to}, every thing and kind. */
    public Map<String, Object> export(LocalDate from, LocalDate to) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("from", from.toString());
        event.put("to", to.toString());
        return new ExportHandler(settings, clients).handleRequest(event, new LocalLambdaContext("export", 900, 1024));
    }

    /** Copies every {@code csv/} object of the bucket to {@code dir/csv/...}; returns the files written. */
    public List<Path> downloadCsv(Path dir) {
        List<Path> files = new ArrayList<>();
        for (S3Object o : clients.s3().listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(BUCKET)
                .prefix("csv/").build()).contents()) {
            Path target = dir.resolve(o.key());
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, clients.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            files.add(target);
        }
        return files;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
