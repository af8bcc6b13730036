package io.amsgrid.cdk.constructs;

import io.amsgrid.cdk.AnalysisSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The scheduled grid analysis ({@code analysis} module, {@code docs/analysis.md}): a Java 21 arm64
 * SnapStart function from the shaded analysis jar, run daily by EventBridge after the CSV export. It
 * reads {@code csv/} (and the topology file, when configured) and writes {@code reports/<date>/}; it
 * publishes its findings as EMF metrics in namespace {@value #METRICS_NAMESPACE} (alarms: {@link Operations}).
 *
 * <p>Grants, nothing else in the bucket: {@code s3:ListBucket} with {@code s3:prefix} {@code csv/*},
 * {@code s3:GetObject} on {@code csv/*} and on the topology key, {@code s3:PutObject} on {@code reports/*}.
 *
 * <p>SnapStart limits {@code /tmp} to 512 MB: a week of 1-minute CSV is about 1.1 MB per meter
 * ({@code docs/benchmarks.md}), so the function's 2048 MB of memory (a few dozen to a few hundred
 * meters) is the limit before the disk is.
 */
public final class ScheduledAnalysis extends Construct {
    public static final String HANDLER = "io.amsgrid.analysis.lambda.ScheduledAnalysisHandler::handleRequest";
    /** The benchmark's figures for a week of a few dozen meters: 1.1 GB RSS, 15 s (docs/benchmarks.md). */
    public static final int MEMORY_MB = 2048;
    public static final Duration TIMEOUT = Duration.minutes(5);
    /** 02:00 UTC (03:00 CET / 04:00 CEST): 90 minutes after the export starts, past its 15-minute timeout and retries. */
    public static final String CRON_HOUR_UTC = "2";
    public static final String CRON_MINUTE_UTC = "0";
    public static final int TARGET_RETRY_ATTEMPTS = 2;
    /** Days analysed per report, ending yesterday: the report's week charts. */
    public static final int ANALYSIS_DAYS = 7;
    /** The EMF namespace of the analysis metrics (the handler's default, set explicitly). */
    public static final String METRICS_NAMESPACE = "amsgrid/analysis";

    /** Environment variable names read by {@code io.amsgrid.analysis.lambda.AnalysisSettings}. */
    public static final String ENV_DATA_BUCKET = "DATA_BUCKET";
    public static final String ENV_CSV_PREFIX = "CSV_PREFIX";
    public static final String ENV_REPORT_PREFIX = "REPORT_PREFIX";
    public static final String ENV_TOPOLOGY_KEY = "TOPOLOGY_KEY";
    public static final String ENV_ANALYSIS_DAYS = "ANALYSIS_DAYS";
    public static final String ENV_METER_ZONE = "METER_ZONE";
    public static final String ENV_METRICS_NAMESPACE = "METRICS_NAMESPACE";

    private final SnapStartFunction function;
    private final Rule schedule;
    private final AnalysisSettings settings;

    public ScheduledAnalysis(Construct scope, String id, AnalysisSettings settings, Storage storage,
                             IQueue asyncFailures) {
        super(scope, id);
        this.settings = settings;
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_DATA_BUCKET, storage.bucket().getBucketName());
        env.put(ENV_CSV_PREFIX, Storage.CSV_PREFIX);
        env.put(ENV_REPORT_PREFIX, Storage.REPORTS_PREFIX);
        settings.topologyKey().ifPresent(key -> env.put(ENV_TOPOLOGY_KEY, key));
        env.put(ENV_ANALYSIS_DAYS, Integer.toString(ANALYSIS_DAYS));
        env.put(ENV_METER_ZONE, IngestFunctions.TIME_ZONE);
        env.put(ENV_METRICS_NAMESPACE, METRICS_NAMESPACE);
        function = new SnapStartFunction(this, "Analysis", new SnapStartFunction.Props(HANDLER,
                "amsgrid analysis: daily grid report of the last " + ANALYSIS_DAYS + " days into reports/",
                settings.jar(), MEMORY_MB, TIMEOUT, env, asyncFailures));
        grant(storage);

        schedule = Rule.Builder.create(this, "Schedule")
                .description("amsgrid daily grid analysis of the previous day (03:00 CET / 04:00 CEST, after the export)")
                .schedule(Schedule.cron(CronOptions.builder().minute(CRON_MINUTE_UTC).hour(CRON_HOUR_UTC).build()))
                .build();
        schedule.addTarget(LambdaFunction.Builder.create(function.alias())
                .retryAttempts(TARGET_RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(2))
                .deadLetterQueue(asyncFailures)
                .build());
    }

    private void grant(Storage storage) {
        String bucketArn = storage.bucket().getBucketArn();
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucketArn))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", Storage.CSV_PREFIX + "*")))
                .build());
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:GetObject"))
                .resources(settings.topologyKey()
                        .map(key -> List.of(storage.bucket().arnForObjects(Storage.CSV_PREFIX + "*"),
                                storage.bucket().arnForObjects(key)))
                        .orElseGet(() -> List.of(storage.bucket().arnForObjects(Storage.CSV_PREFIX + "*"))))
                .build());
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("s3:PutObject"))
                .resources(List.of(storage.bucket().arnForObjects(Storage.REPORTS_PREFIX + "*")))
                .build());
    }

    public SnapStartFunction function() {
        return function;
    }

    public Rule schedule() {
        return schedule;
    }

    public AnalysisSettings settings() {
        return settings;
    }
}
