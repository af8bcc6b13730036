package io.amsgrid.cdk.constructs;

import io.amsgrid.cdk.AppSettings;
import io.amsgrid.cdk.Route;
import io.amsgrid.rules.BatchedRoute;
import io.amsgrid.rules.LambdaHandlers;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The Lambda functions of amsgrid and their grants: the ingest function (direct route) or the batch
 * ingest function (batched route), and the CSV export function. Failed asynchronous invocations of
 * any of them land in one queue, {@link #asyncFailures()}.
 *
 * <p>Memory and timeout: the figures below are first estimates, NOT measured. They must be revisited
 * with the figures the lambdas module measures ({@code docs/benchmarks.md}, section Lambdas): the
 * duration per message and per batch at these memory sizes, and the export time of one day.
 */
public final class IngestFunctions extends Construct {
    /** Ingest, one message: decode + one conditional write. 1 GB gives a full vCPU share on arm64 for fast init/restore. */
    public static final int INGEST_MEMORY_MB = 1024;
    public static final Duration INGEST_TIMEOUT = Duration.seconds(30);
    /** Batch ingest, up to {@link #BATCH_SIZE} messages: batched writes. */
    public static final int BATCH_INGEST_MEMORY_MB = 1024;
    public static final Duration BATCH_INGEST_TIMEOUT = Duration.seconds(60);
    /** Export: a whole day of every meter into CSV files; the largest memory, the longest timeout. */
    public static final int EXPORT_MEMORY_MB = 2048;
    public static final Duration EXPORT_TIMEOUT = Duration.minutes(15);
    /** Messages per SQS batch handed to the batch ingest function (the benchmark uses batches of 100). */
    public static final int BATCH_SIZE = BatchedRoute.BATCH_SIZE;

    /** Environment variable names the lambdas module reads, and their fixed values. */
    public static final String ENV_TABLE_NAME = "TABLE_NAME";
    public static final String ENV_BUCKET_NAME = "BUCKET_NAME";
    public static final String ENV_TIME_ZONE = "TIME_ZONE";
    public static final String ENV_DEAD_LETTER_PREFIX = "DEAD_LETTER_PREFIX";
    public static final String ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String TIME_ZONE = "Europe/Oslo";
    /** POWERTOOLS_SERVICE_NAME of the ingest functions and of the export function. */
    public static final String SERVICE_INGEST = "amsgrid-ingest";
    public static final String SERVICE_EXPORT = "amsgrid-export";
    /** The EMF namespace of the Lambdas' own metrics (MessagesStored, Duplicates, DeadLetters). */
    public static final String METRICS_NAMESPACE = "amsgrid";

    private final Queue asyncFailures;
    private final Optional<SnapStartFunction> ingest;
    private final Optional<SnapStartFunction> batchIngest;
    private final SnapStartFunction export;

    public IngestFunctions(Construct scope, String id, AppSettings settings, Storage storage) {
        super(scope, id);
        asyncFailures = Queues.deadLetters(this, "AsyncFailures");
        if (settings.route() == Route.DIRECT) {
            SnapStartFunction fn = new SnapStartFunction(this, "Ingest", new SnapStartFunction.Props(
                    LambdaHandlers.INGEST, "amsgrid ingest: one IoT rule event into DynamoDB",
                    settings.lambdaJar(), INGEST_MEMORY_MB, INGEST_TIMEOUT, environment(storage, SERVICE_INGEST),
                    asyncFailures));
            grantIngest(fn, storage);
            ingest = Optional.of(fn);
            batchIngest = Optional.empty();
        } else {
            SnapStartFunction fn = new SnapStartFunction(this, "BatchIngest", new SnapStartFunction.Props(
                    LambdaHandlers.BATCH_INGEST, "amsgrid batch ingest: SQS batches of rule events into DynamoDB",
                    settings.lambdaJar(), BATCH_INGEST_MEMORY_MB, BATCH_INGEST_TIMEOUT,
                    environment(storage, SERVICE_INGEST), asyncFailures));
            grantIngest(fn, storage);
            ingest = Optional.empty();
            batchIngest = Optional.of(fn);
        }
        export = new SnapStartFunction(this, "Export", new SnapStartFunction.Props(
                LambdaHandlers.EXPORT, "amsgrid export: one day of readings from DynamoDB into CSV in S3",
                settings.lambdaJar(), EXPORT_MEMORY_MB, EXPORT_TIMEOUT, environment(storage, SERVICE_EXPORT),
                asyncFailures));
        storage.table().grantReadData(export.role());
        storage.bucket().grantRead(export.role(), Storage.CSV_PREFIX + "*");
        storage.bucket().grantPut(export.role(), Storage.CSV_PREFIX + "*");
        storage.bucket().grantPut(export.role(), Storage.REPORTS_PREFIX + "*");
    }

    private static void grantIngest(SnapStartFunction fn, Storage storage) {
        storage.table().grantReadWriteData(fn.role());
        storage.bucket().grantPut(fn.role(), Storage.DEAD_LETTER_PREFIX + "*");
    }

    private static Map<String, String> environment(Storage storage, String service) {
        return Map.of(
                ENV_TABLE_NAME, storage.table().getTableName(),
                ENV_BUCKET_NAME, storage.bucket().getBucketName(),
                ENV_TIME_ZONE, TIME_ZONE,
                ENV_DEAD_LETTER_PREFIX, Storage.DEAD_LETTER_PREFIX,
                ENV_SERVICE_NAME, service,
                ENV_METRICS_NAMESPACE, METRICS_NAMESPACE);
    }

    /** The direct-route ingest function (present when {@code route=direct}). */
    public Optional<SnapStartFunction> ingest() {
        return ingest;
    }

    /** The batched-route ingest function (present when {@code route=batched}). */
    public Optional<SnapStartFunction> batchIngest() {
        return batchIngest;
    }

    public SnapStartFunction export() {
        return export;
    }

    public Queue asyncFailures() {
        return asyncFailures;
    }
}
