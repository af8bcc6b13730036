package io.amsgrid.cdk.constructs;

import io.amsgrid.cdk.Route;
import io.amsgrid.rules.BatchedRoute;
import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iot.CfnTopicRule;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One IoT topic rule per {@link IngestRules#all()}, with exactly that rule's name and SQL. The action
 * depends on the route: {@code direct} invokes the ingest function's alias (asynchronously, one
 * message per invocation); {@code batched} sends the rule event to an SQS queue that the batch ingest
 * function reads (per-item failures reported, a dead-letter queue after {@link #MAX_RECEIVE_COUNT}).
 *
 * <p>Every rule has an error action: when the action cannot be performed (invoke or send refused,
 * throttled), the rules engine writes its error message, which carries the original MQTT payload
 * ({@code base64OriginalPayload}), to {@code dead-letter/rule-errors/<rule>/} in the bucket. Failures
 * inside the function after an accepted asynchronous invoke are retried by Lambda and then go to the
 * functions' on-failure queue instead.
 */
public final class TopicRules extends Construct {
    /** The bucket prefix of the rules' error action. */
    public static final String RULE_ERRORS_PREFIX = Storage.DEAD_LETTER_PREFIX + "rule-errors/";
    /** A batch is retried this often (whole or the reported failed items) before going to the DLQ. */
    public static final int MAX_RECEIVE_COUNT = BatchedRoute.MAX_RECEIVE_COUNT;
    /** Queue visibility timeout = this many function timeouts (the AWS guidance for SQS event sources). */
    public static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    /** The batch ingest function waits at most this long to fill a batch. */
    public static final Duration MAX_BATCHING_WINDOW = Duration.seconds(BatchedRoute.MAX_BATCHING_WINDOW_SECONDS);

    private final List<CfnTopicRule> rules = new ArrayList<>();
    private final Optional<Queue> ingestQueue;
    private final Optional<Queue> ingestDeadLetters;

    public TopicRules(Construct scope, String id, Route route, IngestFunctions functions, Storage storage) {
        super(scope, id);
        Role errorRole = Role.Builder.create(this, "ErrorActionRole")
                .assumedBy(new ServicePrincipal("iot.amazonaws.com"))
                .description("amsgrid IoT rules: error action writes the failed message to the dead-letter prefix")
                .build();
        storage.bucket().grantPut(errorRole, RULE_ERRORS_PREFIX + "*");

        Optional<Role> sendRole = Optional.empty();
        if (route == Route.BATCHED) {
            SnapStartFunction batch = functions.batchIngest().orElseThrow();
            Queue dlq = Queues.deadLetters(this, "IngestDeadLetters");
            Queue queue = Queues.withDeadLetters(this, "IngestQueue", dlq, MAX_RECEIVE_COUNT,
                    Duration.seconds(VISIBILITY_TIMEOUT_FACTOR
                            * IngestFunctions.BATCH_INGEST_TIMEOUT.toSeconds().intValue()));
            Role role = Role.Builder.create(this, "SendRole")
                    .assumedBy(new ServicePrincipal("iot.amazonaws.com"))
                    .description("amsgrid IoT rules: send rule events to the ingest queue")
                    .build();
            queue.grantSendMessages(role);
            batch.alias().addEventSource(SqsEventSource.Builder.create(queue)
                    .batchSize(IngestFunctions.BATCH_SIZE)
                    .maxBatchingWindow(MAX_BATCHING_WINDOW)
                    .reportBatchItemFailures(true)
                    .build());
            sendRole = Optional.of(role);
            ingestQueue = Optional.of(queue);
            ingestDeadLetters = Optional.of(dlq);
        } else {
            ingestQueue = Optional.empty();
            ingestDeadLetters = Optional.empty();
        }

        for (IngestRule rule : IngestRules.all()) {
            CfnTopicRule.ActionProperty action = switch (route) {
                case DIRECT -> CfnTopicRule.ActionProperty.builder()
                        .lambda(CfnTopicRule.LambdaActionProperty.builder()
                                .functionArn(functions.ingest().orElseThrow().alias().getFunctionArn()).build())
                        .build();
                case BATCHED -> CfnTopicRule.ActionProperty.builder()
                        .sqs(CfnTopicRule.SqsActionProperty.builder()
                                .queueUrl(ingestQueue.orElseThrow().getQueueUrl())
                                .roleArn(sendRole.orElseThrow().getRoleArn())
                                .useBase64(false)
                                .build())
                        .build();
            };
            CfnTopicRule.ActionProperty errorAction = CfnTopicRule.ActionProperty.builder()
                    .s3(CfnTopicRule.S3ActionProperty.builder()
                            .bucketName(storage.bucket().getBucketName())
                            .key(RULE_ERRORS_PREFIX + rule.name() + "/${timestamp()}-${newuuid()}.json")
                            .roleArn(errorRole.getRoleArn())
                            .build())
                    .build();
            CfnTopicRule topicRule = CfnTopicRule.Builder.create(this, ruleId(rule))
                    .ruleName(rule.name())
                    .topicRulePayload(CfnTopicRule.TopicRulePayloadProperty.builder()
                            .sql(rule.sql())
                            .awsIotSqlVersion(IngestRules.SQL_VERSION)
                            .ruleDisabled(false)
                            .description("amsgrid " + rule.kind().topicPrefix() + " messages from "
                                    + rule.topicFilter() + " (" + route.contextValue() + " route)")
                            .actions(List.of(action))
                            .errorAction(errorAction)
                            .build())
                    .build();
            if (route == Route.DIRECT) {
                functions.ingest().orElseThrow().alias().addPermission("Invoke" + ruleId(rule),
                        Permission.builder()
                                .principal(new ServicePrincipal("iot.amazonaws.com"))
                                .sourceArn(topicRule.getAttrArn())
                                .sourceAccount(Stack.of(this).getAccount())
                                .build());
            }
            rules.add(topicRule);
        }
    }

    /** The construct id of a rule's resource: stable, derived from the rule name. */
    static String ruleId(IngestRule rule) {
        StringBuilder id = new StringBuilder("Rule");
        for (String part : rule.name().split("_")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    public List<CfnTopicRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** The SQS queue between the rules and the batch ingest function (batched route). */
    public Optional<Queue> ingestQueue() {
        return ingestQueue;
    }

    /** Where rule events go after {@link #MAX_RECEIVE_COUNT} failed batch attempts (batched route). */
    public Optional<Queue> ingestDeadLetters() {
        return ingestDeadLetters;
    }
}
