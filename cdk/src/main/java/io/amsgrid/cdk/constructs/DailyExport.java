package io.amsgrid.cdk.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The daily CSV export: an EventBridge rule invokes the export function's alias with the scheduled
 * event; the function exports the previous day (Europe/Oslo).
 *
 * <p>EventBridge rules run in UTC: 00:30 UTC is 01:30 in Oslo in winter (CET, UTC+1) and 02:30 in
 * summer (CEST, UTC+2): in both cases after local midnight, so the previous local day is complete.
 */
public final class DailyExport extends Construct {
    /** The schedule, UTC. */
    public static final String CRON_HOUR_UTC = "0";
    public static final String CRON_MINUTE_UTC = "30";
    /** EventBridge retries a failed delivery this often before the dead-letter queue. */
    public static final int TARGET_RETRY_ATTEMPTS = 4;

    private final Rule rule;

    public DailyExport(Construct scope, String id, SnapStartFunction export, IQueue deadLetters) {
        super(scope, id);
        rule = Rule.Builder.create(this, "Schedule")
                .description("amsgrid daily CSV export of the previous day (01:30 CET / 02:30 CEST)")
                .schedule(Schedule.cron(CronOptions.builder().minute(CRON_MINUTE_UTC).hour(CRON_HOUR_UTC).build()))
                .build();
        rule.addTarget(LambdaFunction.Builder.create(export.alias())
                .retryAttempts(TARGET_RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(2))
                .deadLetterQueue(deadLetters)
                .build());
    }

    public Rule rule() {
        return rule;
    }
}
