package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.ScheduledAnalysis;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The scheduled analysis function: runtime, handler, environment, schedule, grants, alarms, dashboard. */
class ScheduledAnalysisTest {
    private static Template direct;
    private static Template batched;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
        batched = Synthesized.of(Synthesized.BASIC_BATCHED).template();
    }

    @Test
    void function_default_isJava21Arm64SnapStartWithTheAgreedHandlerSizeAndEnvironment() {
        Map<String, Object> p = Cfn.props(Cfn.one(direct, "AWS::Lambda::Function", "AnalysisFunction").getValue());
        assertThat(p).containsEntry("Handler", ScheduledAnalysis.HANDLER)
                .containsEntry("Runtime", "java21")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                .containsEntry("MemorySize", 2048)
                .containsEntry("Timeout", 300);
        String bucketId = Cfn.one(direct, "AWS::S3::Bucket", "StorageBucket").getKey();
        Map<String, Object> env = environment(direct);
        assertThat(Cfn.text(env.get("DATA_BUCKET"))).isEqualTo("${" + bucketId + "}");
        assertThat(env).containsEntry("CSV_PREFIX", "csv/").containsEntry("REPORT_PREFIX", "reports/")
                .containsEntry("ANALYSIS_DAYS", "7").containsEntry("METER_ZONE", "Europe/Oslo")
                .containsEntry("METRICS_NAMESPACE", "amsgrid/analysis")
                .doesNotContainKey("TOPOLOGY_KEY");
        assertThat(environment(batched)).containsEntry("TOPOLOGY_KEY", Synthesized.TOPOLOGY_KEY);
    }

    @Test
    void schedule_daily_invokesTheAnalysisAliasAfterTheExport() {
        Map<String, Object> rule = Cfn.props(Cfn.one(direct, "AWS::Events::Rule", "AnalysisSchedule").getValue());
        assertThat(rule).containsEntry("ScheduleExpression", "cron(0 2 * * ? *)").containsEntry("State", "ENABLED");
        String exportCron = (String) Cfn.props(Cfn.one(direct, "AWS::Events::Rule", "ExportSchedule").getValue())
                .get("ScheduleExpression");
        assertThat(exportCron).isEqualTo("cron(30 0 * * ? *)"); // 90 minutes before the analysis, same day (UTC)
        String aliasId = Cfn.one(direct, "AWS::Lambda::Alias", "AnalysisAlias").getKey();
        Map<String, Object> target = Cfn.map(Cfn.list(rule.get("Targets")).get(0));
        assertThat(Cfn.text(target.get("Arn"))).isEqualTo("${" + aliasId + "}");
        assertThat(Cfn.map(target.get("RetryPolicy")))
                .containsEntry("MaximumRetryAttempts", ScheduledAnalysis.TARGET_RETRY_ATTEMPTS);
        assertThat(target).containsKey("DeadLetterConfig");
    }

    @Test
    void grants_default_readCsvListOnlyCsvAndWriteOnlyReports() {
        List<Map<String, Object>> statements = statements(direct);
        String failuresId = Cfn.one(direct, "AWS::SQS::Queue", "FunctionsAsyncFailures").getKey();
        assertThat(actions(statements)).containsOnly("s3:ListBucket", "s3:GetObject", "s3:PutObject",
                "logs:CreateLogStream", "logs:PutLogEvents",
                "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        // SQS only for the on-failure destination of asynchronous invocations
        assertThat(resourcesOf(statements, "sqs:SendMessage")).containsExactly("${" + failuresId + ".Arn}");
        assertThat(resourcesOf(statements, "s3:PutObject")).singleElement()
                .satisfies(r -> assertThat(r).matches("\\$\\{StorageBucket[0-9A-F]+\\.Arn}/reports/\\*"));
        assertThat(resourcesOf(statements, "s3:GetObject")).singleElement()
                .satisfies(r -> assertThat(r).endsWith(".Arn}/csv/*"));
        Map<String, Object> list = statements.stream().filter(s -> "s3:ListBucket".equals(s.get("Action")))
                .findFirst().orElseThrow();
        assertThat(list.get("Condition")).isEqualTo(Map.of("StringLike", Map.of("s3:prefix", "csv/*")));
        assertThat(resourcesOf(statements, "s3:ListBucket")).singleElement()
                .satisfies(r -> assertThat(r).matches("\\$\\{StorageBucket[0-9A-F]+\\.Arn}"));
        assertThat(Cfn.props(Cfn.one(direct, "AWS::IAM::Role", "AnalysisRole").getValue()))
                .doesNotContainKey("ManagedPolicyArns");
    }

    @Test
    void grants_withTopologyKey_readThatOneKeyToo() {
        List<Map<String, Object>> statements = statements(batched);
        assertThat(resourcesOf(statements, "s3:GetObject")).hasSize(2)
                .anySatisfy(r -> assertThat(r).endsWith(".Arn}/csv/*"))
                .anySatisfy(r -> assertThat(r).endsWith(".Arn}/" + Synthesized.TOPOLOGY_KEY));
        assertThat(resourcesOf(statements, "s3:PutObject")).singleElement()
                .satisfies(r -> assertThat(r).endsWith(".Arn}/reports/*"));
    }

    @Test
    void alarms_findingsCoverageAndMissingReports_onTheEmittedMetricsNotifyTheTopic() {
        String topicId = Cfn.one(direct, "AWS::SNS::Topic", "OperationsAlarmTopic").getKey();
        assertAlarm("OperationsAnalysisFaultSuspicions", "FaultSuspicions", "GreaterThanThreshold", 0, 1, "notBreaching");
        assertAlarm("OperationsAnalysisUnbalance", "UnbalanceAlarmMeters", "GreaterThanThreshold", 0, 3, "notBreaching");
        assertAlarm("OperationsAnalysisWrongTransformer", "WrongTransformerFlags", "GreaterThanThreshold", 0, 1, "notBreaching");
        assertAlarm("OperationsAnalysisOutOfOrder", "OutOfOrderFlags", "GreaterThanThreshold", 0, 1, "notBreaching");
        assertAlarm("OperationsAnalysisCsvProblems", "CsvProblems", "GreaterThanThreshold", 0, 1, "notBreaching");
        assertAlarm("OperationsAnalysisCoverageLow", "MeanCoveragePercent", "LessThanThreshold", 90, 1, "notBreaching");
        Map<String, Object> low = assertAlarm("OperationsAnalysisMetersLow", "MetersAnalysed", "LessThanThreshold", 1, 1,
                "breaching");
        assertThat(low).containsEntry("Statistic", "Minimum");
        assertThat(Cfn.props(Cfn.one(batched, "AWS::CloudWatch::Alarm", "OperationsAnalysisMetersLow").getValue()))
                .containsEntry("Threshold", 250);
        Map<String, Object> errors = Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Alarm", "OperationsAnalysisErrors").getValue());
        assertThat(errors).containsEntry("MetricName", "Errors").containsEntry("Namespace", "AWS/Lambda");
        for (String id : List.of("OperationsAnalysisFaultSuspicions", "OperationsAnalysisMetersLow", "OperationsAnalysisErrors")) {
            assertThat(Cfn.list(Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Alarm", id).getValue()).get("AlarmActions")))
                    .extracting(Cfn::text).containsExactly("${" + topicId + "}");
        }
    }

    @Test
    void dashboard_default_showsTheAnalysisMetricsAndFunction() {
        String body = Cfn.text(Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Dashboard", "OperationsDashboard")
                .getValue()).get("DashboardBody"));
        for (String metric : List.of("FaultSuspicions", "UnbalanceAlarmMeters", "WrongTransformerFlags",
                "OutOfOrderFlags", "MetersAnalysed", "MeanCoveragePercent", "CsvProblems")) {
            assertThat(body).contains("\"amsgrid/analysis\",\"" + metric + "\",\"Report\",\"daily\"");
        }
        String fn = Cfn.one(direct, "AWS::Lambda::Function", "AnalysisFunction").getKey();
        assertThat(body).contains("SEARCH('Namespace=\\\"amsgrid/analysis\\\" MetricName=\\\"FaultSuspicionMaxUnbalancePercent\\\"'")
                .contains("\"AWS/Lambda\",\"Errors\",\"FunctionName\",\"${" + fn + "}\",\"Resource\",\"${" + fn + "}:live\"")
                .contains("\"AWS/Lambda\",\"Duration\",\"FunctionName\",\"${" + fn + "}\"");
        // the alarm status widget lists the analysis alarms too
        assertThat(body).contains("OperationsAnalysisFaultSuspicions", "OperationsAnalysisMetersLow");
    }

    private static Map<String, Object> assertAlarm(String idPrefix, String metric, String comparison, int threshold,
                                                   int periods, String missing) {
        Map<String, Object> p = Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Alarm", idPrefix).getValue());
        assertThat(p).as(idPrefix).containsEntry("Namespace", "amsgrid/analysis")
                .containsEntry("MetricName", metric)
                .containsEntry("Dimensions", List.of(Map.of("Name", "Report", "Value", "daily")))
                .containsEntry("Period", 86400)
                .containsEntry("ComparisonOperator", comparison)
                .containsEntry("Threshold", threshold)
                .containsEntry("EvaluationPeriods", periods)
                .containsEntry("TreatMissingData", missing);
        return p;
    }

    static Map<String, Object> environment(Template t) {
        Map<String, Object> p = Cfn.props(Cfn.one(t, "AWS::Lambda::Function", "AnalysisFunction").getValue());
        return Cfn.map(Cfn.map(p.get("Environment")).get("Variables"));
    }

    private static List<Map<String, Object>> statements(Template t) {
        Map<String, Object> doc = Cfn.map(Cfn.props(Cfn.one(t, "AWS::IAM::Policy", "AnalysisRoleDefaultPolicy")
                .getValue()).get("PolicyDocument"));
        return Cfn.list(doc.get("Statement")).stream().map(Cfn::map).toList();
    }

    private static List<String> actions(List<Map<String, Object>> statements) {
        return statements.stream().flatMap(s -> values(s.get("Action"))).toList();
    }

    private static List<String> resourcesOf(List<Map<String, Object>> statements, String action) {
        return statements.stream().filter(s -> values(s.get("Action")).anyMatch(action::equals))
                .flatMap(s -> values(s.get("Resource"))).toList();
    }

    private static Stream<String> values(Object o) {
        return o instanceof List<?> l ? l.stream().map(Cfn::text) : Stream.of(Cfn.text(o));
    }
}
