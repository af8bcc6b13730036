package io.amsgrid.cdk.constructs;

import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.MessageKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The CloudWatch dashboard and alarms, and the SNS topic the alarms notify.
 *
 * <p>Metrics used: AWS IoT rule metrics ({@code TopicMatch}, {@code Failure}, {@code
 * ErrorActionFailure}, {@code RuleMessageThrottled} per {@code RuleName}), the broker's {@code
 * Connect.Success}, Lambda {@code Errors}/{@code Duration}/{@code Throttles}, SQS queue depths, and
 * the Lambdas' own EMF metrics in namespace {@value IngestFunctions#METRICS_NAMESPACE}
 * ({@value #MESSAGES_STORED}, {@value #DUPLICATES}, {@value #DEAD_LETTERS}). Metrics whose dimensions
 * the app does not control are read with SEARCH (dashboard) or Metrics Insights (alarms), so they
 * match whatever dimensions are emitted. The scheduled analysis' alarms and widgets: {@link AnalysisAlarms}.
 */
public final class Operations extends Construct {
    /** The Lambdas' EMF metric names (agreed with the lambdas module). */
    public static final String MESSAGES_STORED = "MessagesStored";
    public static final String DUPLICATES = "Duplicates";
    public static final String DEAD_LETTERS = "DeadLetters";

    /** Alarm and graph period for error alarms. */
    public static final Duration PERIOD = Duration.minutes(5);
    /** The batched route's queue alarms when its oldest message is older than this. */
    public static final int BACKLOG_MINUTES = 15;
    /** The rule whose silence means the fleet stopped sending: every gateway sends avg each interval. */
    public static final MessageKind SILENCE_KIND = MessageKind.AVG;

    private final Topic alarmTopic;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Dashboard dashboard;

    /**
     * @param functions    the functions
     * @param ingestQueue  the batched route's queue, if any
     * @param deadLetterQueues queues whose every message is a failure to look at, by display name
     */
    public Operations(Construct scope, String id, IngestFunctions functions, ScheduledAnalysis analysis,
                      Optional<IQueue> ingestQueue, Map<String, IQueue> deadLetterQueues, int silenceMinutes,
                      Optional<String> alarmEmail) {
        super(scope, id);
        alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("amsgrid alarms")
                .enforceSsl(true)
                .build();
        alarmEmail.ifPresent(address -> alarmTopic.addSubscription(new EmailSubscription(address)));

        SnapStartFunction ingest = functions.ingest().or(functions::batchIngest).orElseThrow();
        SnapStartFunction export = functions.export();

        // Fleet silence: no avg message reached the rules engine for silenceMinutes.
        silenceAlarm(silenceMinutes);
        for (IngestRule rule : IngestRules.all()) {
            insightsAlarm("RuleActionFailure" + TopicRules.ruleId(rule),
                    "The " + rule.name() + " action failed (the error action kept the payload under "
                            + TopicRules.RULE_ERRORS_PREFIX + ")",
                    "SELECT SUM(Failure) FROM SCHEMA(\"AWS/IoT\", ActionType, RuleName) WHERE RuleName = '"
                            + rule.name() + "'");
            insightsAlarm("RuleErrorActionFailure" + TopicRules.ruleId(rule),
                    "The " + rule.name() + " error action failed too: messages may be lost",
                    "SELECT SUM(ErrorActionFailure) FROM SCHEMA(\"AWS/IoT\", ActionType, RuleName) WHERE RuleName = '"
                            + rule.name() + "'");
        }
        errorAlarm("IngestErrors", "The ingest function failed (infrastructure errors are retried)",
                ingest.alias().metricErrors(stat("Sum")));
        errorAlarm("IngestThrottles", "The ingest function was throttled",
                ingest.alias().metricThrottles(stat("Sum")));
        errorAlarm("ExportErrors", "The CSV export failed", export.alias().metricErrors(stat("Sum")));
        insightsAlarm("DeadLetters", "Messages were rejected (named reason in the dead-letter object)",
                "SELECT SUM(" + DEAD_LETTERS + ") FROM \"" + IngestFunctions.METRICS_NAMESPACE + "\"");
        ingestQueue.ifPresent(queue -> errorAlarm("IngestBacklog",
                "The oldest message in the ingest queue is older than " + BACKLOG_MINUTES
                        + " minutes: the batch ingest function does not keep up or fails",
                queue.metricApproximateAgeOfOldestMessage(stat("Maximum")), BACKLOG_MINUTES * 60));
        deadLetterQueues.forEach((name, queue) -> errorAlarm(name + "NotEmpty",
                name + " holds messages: failed after all retries",
                queue.metricApproximateNumberOfMessagesVisible(stat("Maximum"))));
        AnalysisAlarms.create(this, analysis).forEach(a -> {
            alarms.add(a);
            notify(a);
        });
        SnapStartFunction analyse = analysis.function();

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("amsgrid")
                .build();
        dashboard.addWidgets(graph("Messages in per topic (TopicMatch)",
                        IngestRules.all().stream().map(r -> (IMetric) topicMatch(r)).toList()),
                graph("Rule action failures", IngestRules.all().stream().map(r -> search(
                        "Namespace=\"AWS/IoT\" MetricName=\"Failure\" RuleName=\"" + r.name() + "\"", r.name())).toList()),
                graph("Devices connected (Connect.Success)", List.of(search(
                        "Namespace=\"AWS/IoT\" MetricName=\"Connect.Success\"", "connects"))));
        dashboard.addWidgets(graph("Lambda errors", List.of(ingest.alias().metricErrors(stat("Sum")),
                        export.alias().metricErrors(stat("Sum")), analyse.alias().metricErrors(stat("Sum")))),
                graph("Lambda duration p99 (ms)", List.of(ingest.alias().metricDuration(stat("p99")),
                        export.alias().metricDuration(stat("p99")), analyse.alias().metricDuration(stat("p99")))),
                graph("Lambda throttles", List.of(ingest.alias().metricThrottles(stat("Sum")),
                        export.alias().metricThrottles(stat("Sum")), analyse.alias().metricThrottles(stat("Sum")))));
        dashboard.addWidgets(AnalysisAlarms.widgets().toArray(IWidget[]::new));
        List<IMetric> queues = new ArrayList<>();
        ingestQueue.ifPresent(q -> queues.add(q.metricApproximateNumberOfMessagesVisible(stat("Maximum"))));
        deadLetterQueues.values().forEach(q -> queues.add(q.metricApproximateNumberOfMessagesVisible(stat("Maximum"))));
        dashboard.addWidgets(graph("Stored, duplicates, dead letters (amsgrid metrics)", List.of(
                        search(emf(MESSAGES_STORED), MESSAGES_STORED),
                        search(emf(DUPLICATES), DUPLICATES),
                        search(emf(DEAD_LETTERS), DEAD_LETTERS))),
                graph("Queue depths", queues),
                AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms)).width(8).build());
    }

    private static String emf(String metricName) {
        return "Namespace=\"" + IngestFunctions.METRICS_NAMESPACE + "\" MetricName=\"" + metricName + "\"";
    }

    private static Metric topicMatch(IngestRule rule) {
        return Metric.Builder.create().namespace("AWS/IoT").metricName("TopicMatch")
                .dimensionsMap(Map.of("RuleName", rule.name()))
                .statistic("Sum").period(PERIOD).label(rule.topicFilter()).build();
    }

    private static MetricOptions stat(String statistic) {
        return MetricOptions.builder()
                .statistic(statistic).period(PERIOD).build();
    }

    private static IMetric search(String query, String label) {
        return MathExpression.Builder.create()
                .expression("SEARCH('" + query + "', 'Sum', " + PERIOD.toSeconds() + ")")
                .label(label).period(PERIOD).usingMetrics(Map.of()).build();
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    private void errorAlarm(String id, String description, IMetric metric) {
        errorAlarm(id, description, metric, 0);
    }

    private void errorAlarm(String id, String description, IMetric metric, int threshold) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        notify(alarms.get(alarms.size() - 1));
    }

    private void insightsAlarm(String id, String description, String query) {
        errorAlarm(id, description, MathExpression.Builder.create()
                .expression(query).period(PERIOD).usingMetrics(Map.of()).label(id).build());
    }

    private void silenceAlarm(int silenceMinutes) {
        IngestRule rule = IngestRules.forKind(SILENCE_KIND);
        Alarm a = Alarm.Builder.create(this, "FleetSilent")
                .alarmDescription("No " + rule.topicFilter() + " message for " + silenceMinutes
                        + " minutes: the fleet (or its connectivity) stopped sending")
                .metric(topicMatch(rule).with(MetricOptions.builder()
                        .period(Duration.minutes(silenceMinutes)).build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        alarms.add(a);
        notify(a);
    }

    private void notify(Alarm a) {
        a.addAlarmAction(new SnsAction(alarmTopic));
        a.addOkAction(new SnsAction(alarmTopic));
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public List<Alarm> alarms() {
        return Collections.unmodifiableList(alarms);
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
