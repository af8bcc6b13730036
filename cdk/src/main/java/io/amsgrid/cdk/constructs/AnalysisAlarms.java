package io.amsgrid.cdk.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/**
 * Alarms and dashboard widgets on the scheduled analysis' EMF metrics (names, unit and the
 * {@code Report=daily} dimension as {@code io.amsgrid.analysis.lambda.ReportJob} emits them, once a
 * day). Built by {@link Operations}, which wires every alarm to its SNS topic.
 */
final class AnalysisAlarms {
    /** Metric names of {@code ReportJob} (namespace {@value ScheduledAnalysis#METRICS_NAMESPACE}). */
    static final String FAULT_SUSPICIONS = "FaultSuspicions";
    static final String FAULT_MAX_UNBALANCE = "FaultSuspicionMaxUnbalancePercent";
    static final String UNBALANCE_ALARM_METERS = "UnbalanceAlarmMeters";
    static final String WRONG_TRANSFORMER = "WrongTransformerFlags";
    static final String OUT_OF_ORDER = "OutOfOrderFlags";
    static final String METERS_ANALYSED = "MetersAnalysed";
    static final String MEAN_COVERAGE = "MeanCoveragePercent";
    static final String CSV_PROBLEMS = "CsvProblems";
    /** The dimension of the daily figures. */
    static final Map<String, String> DAILY = Map.of("Report", "daily");
    /** One report a day: one data point per period. */
    static final Duration PERIOD = Duration.days(1);
    /** Coverage below this (mean over meters, percent) alarms. */
    static final int MIN_COVERAGE_PERCENT = 90;
    /** Days of sustained unbalance alarms before the alarm (EN 50160 is judged over a week; 3 days = persistent). */
    static final int UNBALANCE_DAYS = 3;

    private AnalysisAlarms() {
    }

    /** The alarms, created in {@code scope} (ids prefixed {@code Analysis}). */
    static List<Alarm> create(Construct scope, ScheduledAnalysis analysis) {
        List<Alarm> alarms = new ArrayList<>();
        alarms.add(above(scope, "AnalysisFaultSuspicions", FAULT_SUSPICIONS, 1,
                "The daily analysis suspects a high-impedance fault (sustained voltage unbalance shared by a radial):"
                        + " see reports/<date>/index.html and the FaultSuspicionMaxUnbalancePercent metric per Radial"));
        alarms.add(above(scope, "AnalysisUnbalance", UNBALANCE_ALARM_METERS, UNBALANCE_DAYS,
                "Meters with sustained voltage unbalance alarms on " + UNBALANCE_DAYS + " days in a row"));
        alarms.add(above(scope, "AnalysisWrongTransformer", WRONG_TRANSFORMER, 1,
                "Topology records to check (low severity): a meter correlates better with another transformer's group"));
        alarms.add(above(scope, "AnalysisOutOfOrder", OUT_OF_ORDER, 1,
                "Topology records to check (low severity): voltage-drop order along a radial disagrees with the records"));
        alarms.add(above(scope, "AnalysisCsvProblems", CSV_PROBLEMS, 1,
                "The analysis skipped bad CSV rows or files (named reasons in findings.json)"));
        int expected = analysis.settings().expectedMeters();
        alarms.add(Alarm.Builder.create(scope, "AnalysisMetersLow")
                .alarmDescription("The daily report covers fewer than " + expected + " meters, or no report was made"
                        + " (no CSV for the days, the export or the analysis failed)")
                .metric(daily(METERS_ANALYSED, "Minimum"))
                .threshold(expected)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        alarms.add(Alarm.Builder.create(scope, "AnalysisCoverageLow")
                .alarmDescription("Mean data coverage of the analysed meters is below " + MIN_COVERAGE_PERCENT
                        + " % (gaps per meter in the report)")
                .metric(daily(MEAN_COVERAGE, "Minimum"))
                .threshold(MIN_COVERAGE_PERCENT)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        alarms.add(Alarm.Builder.create(scope, "AnalysisErrors")
                .alarmDescription("The scheduled analysis failed (retried, then the AsyncFailures queue)")
                .metric(analysis.function().alias().metricErrors(MetricOptions.builder()
                        .statistic("Sum").period(Operations.PERIOD).build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        return alarms;
    }

    /** The dashboard row of the analysis. */
    static List<IWidget> widgets() {
        return List.of(
                graph("Grid findings per daily report", List.of(daily(FAULT_SUSPICIONS, "Maximum"),
                        daily(UNBALANCE_ALARM_METERS, "Maximum"), daily(WRONG_TRANSFORMER, "Maximum"),
                        daily(OUT_OF_ORDER, "Maximum"), daily(CSV_PROBLEMS, "Maximum")), List.of()),
                graph("Meters analysed, mean coverage %", List.of(daily(METERS_ANALYSED, "Minimum")),
                        List.of(daily(MEAN_COVERAGE, "Minimum"))),
                graph("Fault suspicion: max unbalance % per radial", List.of(MathExpression.Builder.create()
                        .expression("SEARCH('Namespace=\"" + ScheduledAnalysis.METRICS_NAMESPACE + "\" MetricName=\""
                                + FAULT_MAX_UNBALANCE + "\"', 'Maximum', " + PERIOD.toSeconds() + ")")
                        .label(FAULT_MAX_UNBALANCE).period(PERIOD).usingMetrics(Map.of()).build()), List.of()));
    }

    private static Alarm above(Construct scope, String id, String metric, int days, String description) {
        return Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(daily(metric, "Maximum"))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(days)
                .datapointsToAlarm(days)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    static Metric daily(String name, String statistic) {
        return Metric.Builder.create().namespace(ScheduledAnalysis.METRICS_NAMESPACE).metricName(name)
                .dimensionsMap(DAILY).statistic(statistic).period(PERIOD).build();
    }

    private static IWidget graph(String title, List<IMetric> left, List<IMetric> right) {
        return GraphWidget.Builder.create().title(title).left(left).right(right).width(8).build();
    }
}
