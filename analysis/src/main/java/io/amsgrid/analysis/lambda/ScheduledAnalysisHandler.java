package io.amsgrid.analysis.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduled analysis Lambda: on an EventBridge schedule (daily, after the CSV export) it
 * analyses the days ending yesterday (meter local time) and writes {@code reports/<date>/index.html}
 * and {@code findings.json} to the data bucket, then publishes the findings as EMF metrics.
 * On demand: an event {@code {"date":"2026-04-28"}} analyses the days ending that date.
 *
 * <p>A thin handler: it parses the event and delegates to {@link ReportJob}, built once per
 * container. S3 failures are thrown (the platform retries); a day without data is a result
 * ({@code status: NO_DATA}), not an error.
 */
public final class ScheduledAnalysisHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ReportJob job;

    public ScheduledAnalysisHandler() {
        this(new ReportJob(AnalysisSettings.fromEnvironment(System.getenv()),
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                // EMF must go to the function's stdout: CloudWatch extracts the metrics from there
                new EmfMetrics(AnalysisSettings.fromEnvironment(System.getenv()).metricsNamespace(), System.out)));
    }

    public ScheduledAnalysisHandler(ReportJob job) {
        this.job = job;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LocalDate date = reportDate(event, job.settings().zone());
        ReportJob.Outcome outcome = job.run(date);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", date.toString());
        result.put("status", outcome.status().name());
        result.put("meters", outcome.meters());
        result.put("reportKey", outcome.reportKey());
        result.put("faultSuspicions", outcome.faultSuspicions());
        result.put("topologyFlags", outcome.topologyFlags());
        return result;
    }

    /** {@code date} from the event, else the day before the event's {@code time} (local), else yesterday. */
    static LocalDate reportDate(Map<String, Object> event, java.time.ZoneId zone) {
        Object date = event == null ? null : event.get("date");
        if (date instanceof String s && !s.isBlank()) {
            try {
                return LocalDate.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("event 'date' must be yyyy-mm-dd, was '" + s + "'", e);
            }
        }
        Object time = event == null ? null : event.get("time");
        Instant now = time instanceof String t ? Instant.parse(t) : Instant.now();
        return now.atZone(zone).toLocalDate().minusDays(1);
    }
}
