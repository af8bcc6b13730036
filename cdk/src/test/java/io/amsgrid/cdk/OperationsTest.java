package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Alarms (errors, rule failures, dead letters, silence), their SNS topic, and the dashboard. */
class OperationsTest {
    private static Template direct;
    private static Template batched;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
        batched = Synthesized.of(Synthesized.BASIC_BATCHED).template();
    }

    @Test
    void silenceAlarm_noAvgMessages_breachesAlsoWhenMetricIsMissing() {
        Map<String, Object> p = Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Alarm", "OperationsFleetSilent").getValue());
        List<Object> metrics = Cfn.list(p.get("Metrics"));
        assertThat(metrics).hasSize(1);
        Map<String, Object> stat = Cfn.map(Cfn.map(metrics.get(0)).get("MetricStat"));
        assertThat(stat).containsEntry("Period", 30 * 60).containsEntry("Stat", "Sum");
        assertThat(Cfn.map(stat.get("Metric"))).containsEntry("MetricName", "TopicMatch")
                .containsEntry("Namespace", "AWS/IoT")
                .containsEntry("Dimensions", List.of(Map.of("Name", "RuleName", "Value", "amsgrid_avg")));
        assertThat(p).containsEntry("ComparisonOperator", "LessThanThreshold")
                .containsEntry("Threshold", 1)
                .containsEntry("TreatMissingData", "breaching");
    }

    @Test
    void alarms_direct_coverErrorsRuleFailuresAndDeadLettersAndNotifyTheTopic() {
        var alarms = Cfn.resources(direct, "AWS::CloudWatch::Alarm");
        assertThat(alarms.keySet()).anyMatch(id -> id.startsWith("OperationsIngestErrors"))
                .anyMatch(id -> id.startsWith("OperationsIngestThrottles"))
                .anyMatch(id -> id.startsWith("OperationsExportErrors"))
                .anyMatch(id -> id.startsWith("OperationsDeadLetters"))
                .anyMatch(id -> id.startsWith("OperationsAsyncFailuresNotEmpty"));
        for (IngestRule rule : IngestRules.all()) {
            assertThat(alarms.values()).as(rule.name()).anySatisfy(a -> assertThat(expressions(a)).containsExactly(
                    "SELECT SUM(Failure) FROM SCHEMA(\"AWS/IoT\", ActionType, RuleName) WHERE RuleName = '"
                            + rule.name() + "'"));
            assertThat(alarms.values()).as(rule.name()).anySatisfy(a -> assertThat(expressions(a)).containsExactly(
                    "SELECT SUM(ErrorActionFailure) FROM SCHEMA(\"AWS/IoT\", ActionType, RuleName) WHERE RuleName = '"
                            + rule.name() + "'"));
        }
        assertThat(alarms.values()).anySatisfy(a -> assertThat(expressions(a))
                .containsExactly("SELECT SUM(DeadLetters) FROM \"amsgrid\""));
        String topicId = Cfn.one(direct, "AWS::SNS::Topic", "OperationsAlarmTopic").getKey();
        assertThat(alarms.values()).allSatisfy(a -> assertThat(Cfn.list(Cfn.props(a).get("AlarmActions")))
                .extracting(Cfn::text).containsExactly("${" + topicId + "}"));
    }

    @Test
    void alarms_batched_watchTheIngestDeadLetterQueue() {
        assertThat(Cfn.resources(batched, "AWS::CloudWatch::Alarm").keySet())
                .anyMatch(id -> id.startsWith("OperationsIngestDeadLettersNotEmpty"))
                .anyMatch(id -> id.startsWith("OperationsIngestBacklog"));
        assertThat(Cfn.resources(direct, "AWS::CloudWatch::Alarm").keySet())
                .noneMatch(id -> id.startsWith("OperationsIngestBacklog"));
    }

    @Test
    void dashboard_default_showsMessagesPerTopicLambdaAndCustomMetrics() {
        String body = Cfn.text(Cfn.props(Cfn.one(direct, "AWS::CloudWatch::Dashboard", "OperationsDashboard")
                .getValue()).get("DashboardBody"));
        for (IngestRule rule : IngestRules.all()) {
            assertThat(body).contains("\"TopicMatch\",\"RuleName\",\"" + rule.name() + "\"");
        }
        assertThat(body).contains("Connect.Success", "MessagesStored", "Duplicates", "DeadLetters",
                "\"AWS/Lambda\",\"Errors\"", "\"AWS/Lambda\",\"Duration\"", "\"AWS/Lambda\",\"Throttles\"");
    }

    private static List<String> expressions(Map<String, Object> alarm) {
        Object metrics = Cfn.props(alarm).get("Metrics");
        if (metrics == null) {
            return List.of();
        }
        return Cfn.list(metrics).stream().map(Cfn::map).filter(m -> m.containsKey("Expression"))
                .map(m -> (String) m.get("Expression")).toList();
    }
}
