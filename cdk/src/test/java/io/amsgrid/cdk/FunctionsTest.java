package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.DailyExport;
import io.amsgrid.cdk.constructs.IngestFunctions;
import io.amsgrid.cdk.constructs.SnapStartFunction;
import io.amsgrid.rules.LambdaHandlers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Runtime, architecture, SnapStart, async invoke, logs, grants and the export schedule. */
class FunctionsTest {
    private static Template direct;
    private static Template batched;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
        batched = Synthesized.of(Synthesized.BASIC_BATCHED).template();
    }

    @Test
    void functions_anyVariant_areJava21Arm64WithSnapStart() {
        for (Template t : List.of(direct, batched)) {
            assertThat(Cfn.resources(t, "AWS::Lambda::Function").values()).hasSize(4).allSatisfy(f -> {
                Map<String, Object> p = Cfn.props(f);
                assertThat(p).containsEntry("Runtime", "java21")
                        .containsEntry("Architectures", List.of("arm64"))
                        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
                assertThat(p).containsEntry("LoggingConfig", Map.of("LogFormat", "JSON",
                        "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN", "LogGroup", p.get("LoggingConfig") == null
                                ? "" : Cfn.map(p.get("LoggingConfig")).get("LogGroup")));
            });
        }
    }

    @Test
    void functions_direct_haveTheAgreedHandlersSizesAndEnvironment() {
        Map<String, Object> ingest = Cfn.props(Cfn.one(direct, "AWS::Lambda::Function", "FunctionsIngestFunction").getValue());
        assertThat(ingest).containsEntry("Handler", LambdaHandlers.INGEST)
                .containsEntry("MemorySize", IngestFunctions.INGEST_MEMORY_MB)
                .containsEntry("Timeout", IngestFunctions.INGEST_TIMEOUT.toSeconds().intValue());
        Map<String, Object> export = Cfn.props(Cfn.one(direct, "AWS::Lambda::Function", "FunctionsExportFunction").getValue());
        assertThat(export).containsEntry("Handler", LambdaHandlers.EXPORT)
                .containsEntry("MemorySize", IngestFunctions.EXPORT_MEMORY_MB);
        String tableId = Cfn.one(direct, "AWS::DynamoDB::Table", "StorageTable").getKey();
        String bucketId = Cfn.one(direct, "AWS::S3::Bucket", "StorageBucket").getKey();
        Map<String, Object> env = Cfn.map(Cfn.map(ingest.get("Environment")).get("Variables"));
        assertThat(Cfn.text(env.get("TABLE_NAME"))).isEqualTo("${" + tableId + "}");
        assertThat(Cfn.text(env.get("BUCKET_NAME"))).isEqualTo("${" + bucketId + "}");
        assertThat(env).containsEntry("TIME_ZONE", "Europe/Oslo")
                .containsEntry("DEAD_LETTER_PREFIX", "dead-letter/")
                .containsEntry("POWERTOOLS_METRICS_NAMESPACE", "amsgrid")
                .containsKey("POWERTOOLS_SERVICE_NAME");
    }

    @Test
    void aliases_any_haveAsyncRetriesAndAnOnFailureQueue() {
        String failuresId = Cfn.one(direct, "AWS::SQS::Queue", "FunctionsAsyncFailures").getKey();
        var configs = Cfn.resources(direct, "AWS::Lambda::EventInvokeConfig").values();
        assertThat(Cfn.resources(direct, "AWS::Lambda::Alias").values()).hasSize(4)
                .allSatisfy(a -> assertThat(Cfn.props(a)).containsEntry("Name", SnapStartFunction.ALIAS));
        // the qualifier is the alias name, taken from the alias ARN
        assertThat(configs).extracting(c -> String.valueOf(Cfn.props(c).get("Qualifier")))
                .anySatisfy(q -> assertThat(q).contains("Ref=FunctionsIngestAlias"))
                .anySatisfy(q -> assertThat(q).contains("Ref=FunctionsExportAlias"))
                .anySatisfy(q -> assertThat(q).contains("Ref=AnalysisAlias"))
                .anySatisfy(q -> assertThat(q).contains("Ref=RotationFunctionAlias"));
        assertThat(configs).hasSize(4).allSatisfy(c -> {
            Map<String, Object> p = Cfn.props(c);
            assertThat(p).containsEntry("MaximumRetryAttempts", SnapStartFunction.ASYNC_RETRY_ATTEMPTS);
            Map<String, Object> onFailure = Cfn.map(Cfn.map(p.get("DestinationConfig")).get("OnFailure"));
            assertThat(Cfn.text(onFailure.get("Destination"))).isEqualTo("${" + failuresId + ".Arn}");
        });
    }

    @Test
    void logGroups_any_keepOneMonth() {
        assertThat(Cfn.resources(direct, "AWS::Logs::LogGroup").values()).hasSize(4)
                .allSatisfy(g -> assertThat(Cfn.props(g)).containsEntry("RetentionInDays", 30));
    }

    @Test
    void roles_functions_haveNoManagedPoliciesAndOnlyTheirGrants() {
        for (String fn : List.of("FunctionsIngestRole", "FunctionsExportRole")) {
            assertThat(Cfn.props(Cfn.one(direct, "AWS::IAM::Role", fn).getValue())).doesNotContainKey("ManagedPolicyArns");
        }
        List<String> ingestActions = actions(direct, "FunctionsIngestRoleDefaultPolicy");
        assertThat(ingestActions).contains("dynamodb:PutItem", "dynamodb:Query", "s3:PutObject",
                "logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(ingestActions).doesNotContain("s3:GetObject*", "s3:DeleteObject*", "dynamodb:DeleteTable", "s3:*");
        List<String> exportActions = actions(direct, "FunctionsExportRoleDefaultPolicy");
        assertThat(exportActions).contains("dynamodb:Query", "s3:PutObject", "s3:GetObject*");
        assertThat(exportActions).doesNotContain("dynamodb:PutItem", "dynamodb:DeleteItem", "s3:DeleteObject*");
        assertThat(resources(direct, "FunctionsIngestRoleDefaultPolicy"))
                .anySatisfy(r -> assertThat(r).endsWith(".Arn}/dead-letter/*"))
                .noneSatisfy(r -> assertThat(r).endsWith(".Arn}/*"));
    }

    @Test
    void exportSchedule_daily_invokesTheExportAliasAt0030Utc() {
        Map<String, Object> rule = Cfn.props(Cfn.one(direct, "AWS::Events::Rule", "ExportSchedule").getValue());
        assertThat(rule).containsEntry("ScheduleExpression", "cron(30 0 * * ? *)").containsEntry("State", "ENABLED");
        String aliasId = Cfn.one(direct, "AWS::Lambda::Alias", "FunctionsExportAlias").getKey();
        Map<String, Object> target = Cfn.map(Cfn.list(rule.get("Targets")).get(0));
        assertThat(Cfn.text(target.get("Arn"))).isEqualTo("${" + aliasId + "}");
        assertThat(Cfn.map(target.get("RetryPolicy"))).containsEntry("MaximumRetryAttempts", DailyExport.TARGET_RETRY_ATTEMPTS);
        assertThat(target).containsKey("DeadLetterConfig");
    }

    private static List<String> actions(Template t, String policyPrefix) {
        return statements(t, policyPrefix).stream().flatMap(s -> {
            Object a = s.get("Action");
            return a instanceof String str ? java.util.stream.Stream.of(str) : Cfn.list(a).stream().map(Object::toString);
        }).toList();
    }

    private static List<String> resources(Template t, String policyPrefix) {
        return statements(t, policyPrefix).stream().flatMap(s -> {
            Object r = s.get("Resource");
            return r instanceof List<?> l ? l.stream().map(Cfn::text) : java.util.stream.Stream.of(Cfn.text(r));
        }).toList();
    }

    private static List<Map<String, Object>> statements(Template t, String policyPrefix) {
        Map<String, Object> doc = Cfn.map(Cfn.props(Cfn.one(t, "AWS::IAM::Policy", policyPrefix).getValue()).get("PolicyDocument"));
        return Cfn.list(doc.get("Statement")).stream().map(Cfn::map).toList();
    }
}
