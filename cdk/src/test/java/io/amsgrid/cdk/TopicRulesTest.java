package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.IngestFunctions;
import io.amsgrid.cdk.constructs.SnapStartFunction;
import io.amsgrid.cdk.constructs.TopicRules;
import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.LambdaHandlers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Each rule's name, SQL and actions come from {@link IngestRules}; both routes. */
class TopicRulesTest {
    private static Template direct;
    private static Template batched;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
        batched = Synthesized.of(Synthesized.BASIC_BATCHED).template();
    }

    @Test
    void rules_directRoute_useTheSharedSqlAndInvokeTheIngestAlias() {
        assertThat(Cfn.resources(direct, "AWS::IoT::TopicRule")).hasSize(IngestRules.all().size() + 1); // + rotation
        String aliasId = Cfn.one(direct, "AWS::Lambda::Alias", "FunctionsIngestAlias").getKey();
        for (IngestRule rule : IngestRules.all()) {
            Map<String, Object> payload = payload(direct, rule);
            assertThat(payload).containsEntry("Sql", rule.sql())
                    .containsEntry("AwsIotSqlVersion", IngestRules.SQL_VERSION)
                    .containsEntry("RuleDisabled", false);
            List<Object> actions = Cfn.list(payload.get("Actions"));
            assertThat(actions).hasSize(1);
            Map<String, Object> lambda = Cfn.map(Cfn.map(actions.get(0)).get("Lambda"));
            assertThat(Cfn.text(lambda.get("FunctionArn"))).isEqualTo("${" + aliasId + "}");
        }
        // the alias points at the function whose handler is the rules' handler
        Map<String, Object> ingest = Cfn.props(Cfn.one(direct, "AWS::Lambda::Function", "FunctionsIngestFunction").getValue());
        assertThat(IngestRules.all()).extracting(IngestRule::handler).containsOnly((String) ingest.get("Handler"));
        assertThat(ingest.get("Handler")).isEqualTo(LambdaHandlers.INGEST);
    }

    @Test
    void rules_directRoute_iotMayInvokeTheAliasFromEachRuleOnly() {
        String aliasId = Cfn.one(direct, "AWS::Lambda::Alias", "FunctionsIngestAlias").getKey();
        var permissions = Cfn.resources(direct, "AWS::Lambda::Permission").values().stream().map(Cfn::props)
                .filter(p -> "iot.amazonaws.com".equals(p.get("Principal")))
                .filter(p -> Cfn.text(p.get("FunctionName")).equals("${" + aliasId + "}")).toList();
        assertThat(permissions).hasSize(IngestRules.all().size());
        for (IngestRule rule : IngestRules.all()) {
            String ruleId = ruleLogicalId(direct, rule);
            assertThat(permissions).anySatisfy(p -> {
                assertThat(Cfn.text(p.get("SourceArn"))).isEqualTo("${" + ruleId + ".Arn}");
                assertThat(Cfn.text(p.get("FunctionName"))).isEqualTo("${" + aliasId + "}");
                assertThat(p).containsEntry("Action", "lambda:InvokeFunction");
            });
        }
    }

    @Test
    void rules_anyRoute_errorActionKeepsThePayloadUnderRuleErrors() {
        for (Template t : List.of(direct, batched)) {
            String bucketId = Cfn.one(t, "AWS::S3::Bucket", "StorageBucket").getKey();
            for (IngestRule rule : IngestRules.all()) {
                Map<String, Object> s3 = Cfn.map(Cfn.map(payload(t, rule).get("ErrorAction")).get("S3"));
                assertThat(Cfn.text(s3.get("BucketName"))).isEqualTo("${" + bucketId + "}");
                assertThat((String) s3.get("Key")).startsWith(TopicRules.RULE_ERRORS_PREFIX + rule.name() + "/")
                        .startsWith("dead-letter/rule-errors/").contains("${newuuid()}");
            }
        }
    }

    @Test
    void rules_batchedRoute_sendToTheQueueThatTheBatchFunctionReads() {
        String queueId = Cfn.one(batched, "AWS::SQS::Queue", "RulesIngestQueue").getKey();
        String dlqId = Cfn.one(batched, "AWS::SQS::Queue", "RulesIngestDeadLetters").getKey();
        for (IngestRule rule : IngestRules.all()) {
            Map<String, Object> payload = payload(batched, rule);
            assertThat(payload).containsEntry("Sql", rule.sql());
            List<Object> actions = Cfn.list(payload.get("Actions"));
            assertThat(actions).hasSize(1);
            assertThat(Cfn.map(actions.get(0))).doesNotContainKey("Lambda");
            Map<String, Object> sqs = Cfn.map(Cfn.map(actions.get(0)).get("Sqs"));
            assertThat(Cfn.text(sqs.get("QueueUrl"))).isEqualTo("${" + queueId + "}");
            assertThat(sqs).containsEntry("UseBase64", false);
        }
        Map<String, Object> queue = Cfn.props(Cfn.resources(batched, "AWS::SQS::Queue").get(queueId));
        Map<String, Object> redrive = Cfn.map(queue.get("RedrivePolicy"));
        assertThat(Cfn.text(redrive.get("deadLetterTargetArn"))).isEqualTo("${" + dlqId + ".Arn}");
        assertThat(redrive).containsEntry("maxReceiveCount", TopicRules.MAX_RECEIVE_COUNT);
        assertThat(queue).containsEntry("VisibilityTimeout",
                TopicRules.VISIBILITY_TIMEOUT_FACTOR * IngestFunctions.BATCH_INGEST_TIMEOUT.toSeconds().intValue());

        Map<String, Object> mapping = Cfn.props(Cfn.one(batched, "AWS::Lambda::EventSourceMapping", "").getValue());
        String aliasId = Cfn.one(batched, "AWS::Lambda::Alias", "FunctionsBatchIngestAlias").getKey();
        assertThat(Cfn.text(mapping.get("EventSourceArn"))).isEqualTo("${" + queueId + ".Arn}");
        // the function name with the alias qualifier: <name from the alias ARN>:live
        assertThat(Cfn.text(mapping.get("FunctionName"))).contains("Ref=" + aliasId).endsWith(":live");
        assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BatchSize", IngestFunctions.BATCH_SIZE);
        Map<String, Object> batchFn = Cfn.props(
                Cfn.one(batched, "AWS::Lambda::Function", "FunctionsBatchIngestFunction").getValue());
        assertThat(batchFn).containsEntry("Handler", LambdaHandlers.BATCH_INGEST);
        assertThat(Cfn.resources(batched, "AWS::Lambda::Function")).hasSize(4); // batch ingest, export, analysis, rotation
        assertThat(Cfn.resources(batched, "AWS::Lambda::Alias").values()).allSatisfy(a ->
                assertThat(Cfn.props(a)).containsEntry("Name", SnapStartFunction.ALIAS));
    }

    private static Map<String, Object> payload(Template t, IngestRule rule) {
        return Cfn.map(Cfn.props(Cfn.resources(t, "AWS::IoT::TopicRule").get(ruleLogicalId(t, rule)))
                .get("TopicRulePayload"));
    }

    private static String ruleLogicalId(Template t, IngestRule rule) {
        var ids = Cfn.resources(t, "AWS::IoT::TopicRule").entrySet().stream()
                .filter(e -> rule.name().equals(Cfn.props(e.getValue()).get("RuleName"))).map(Map.Entry::getKey).toList();
        assertThat(ids).as(rule.name()).hasSize(1);
        return ids.get(0);
    }
}
