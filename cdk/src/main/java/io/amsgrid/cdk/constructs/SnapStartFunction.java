package io.amsgrid.cdk.constructs;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One Java 21 arm64 function from the shaded Lambda jar with SnapStart on published versions: a
 * version and the alias {@value #ALIAS} that everything (rules, schedules, event source mappings)
 * invokes, its own log group with a retention, its own role (logs on its log group only, no managed
 * policy), and an asynchronous invoke configuration with retries and an on-failure SQS destination.
 */
public final class SnapStartFunction extends Construct {
    /** The alias name every trigger targets: SnapStart only applies to published versions. */
    public static final String ALIAS = "live";
    /** Log retention of every function. */
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    /** The functions' own log lines at INFO and above (Powertools logging, JSON). */
    public static final ApplicationLogLevel APPLICATION_LOG_LEVEL = ApplicationLogLevel.INFO;
    /**
     * Platform lines (START/END/REPORT) only at WARN: one REPORT line per invocation is ~0.3 KB of
     * log ingestion per message on the direct route, the largest log cost; duration is in the metrics.
     */
    public static final SystemLogLevel SYSTEM_LOG_LEVEL = SystemLogLevel.WARN;
    /** Asynchronous invocations (IoT rule, schedule) are retried this often before the on-failure destination. */
    public static final int ASYNC_RETRY_ATTEMPTS = 2;
    /** An asynchronous event older than this goes to the on-failure destination without more retries. */
    public static final Duration ASYNC_MAX_EVENT_AGE = Duration.hours(6);

    /**
     * @param handler       {@code class::method} (from {@link io.amsgrid.rules.LambdaHandlers})
     * @param memoryMb      memory size in MB
     * @param timeout       function timeout
     * @param environment   environment variables
     * @param asyncFailures where failed asynchronous invocations go after the retries
     */
    public record Props(String handler, String description, Path jar, int memoryMb, Duration timeout,
                        Map<String, String> environment, IQueue asyncFailures) {
    }

    private final Function function;
    private final Alias alias;
    private final Role role;

    public SnapStartFunction(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("amsgrid " + id + ": writes its own log group; data access by grants")
                .build();
        logs.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .description(props.description())
                .code(Code.fromAsset(props.jar().toString()))
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .environment(props.environment())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(APPLICATION_LOG_LEVEL)
                .systemLogLevelV2(SYSTEM_LOG_LEVEL)
                .role(role)
                .build();
        // The construct warns about SnapStart without a published version before it sees the one below.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "published: the alias '" + ALIAS + "' points to the current version, and every trigger uses it");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(ASYNC_MAX_EVENT_AGE)
                .onFailure(new SqsDestination(props.asyncFailures()))
                .build();
    }

    public Function function() {
        return function;
    }

    /** What triggers invoke and what grants go to (the alias shares the function's role). */
    public Alias alias() {
        return alias;
    }

    public Role role() {
        return role;
    }
}
