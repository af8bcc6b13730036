package io.amsgrid.analysis.lambda;

import java.time.ZoneId;
import java.util.Map;

/**
 * The scheduled analysis Lambda's settings, read once from the environment at start.
 *
 * @param bucket           the data bucket (holds {@code csv/} and receives {@code reports/})
 * @param csvPrefix        where the export writes the CSV tree (default {@code csv/})
 * @param reportPrefix     where reports go: {@code <reportPrefix><yyyy-mm-dd>/index.html} (default {@code reports/})
 * @param topologyKey      the topology file's key, or empty to skip the topology checks
 * @param days             days of data analysed, ending with the report date (default 7: the week charts)
 * @param zone             the meters' local time (default Europe/Oslo)
 * @param metricsNamespace CloudWatch namespace of the EMF metrics (default {@code amsgrid/analysis})
 */
public record AnalysisSettings(String bucket, String csvPrefix, String reportPrefix, String topologyKey, int days,
                               ZoneId zone, String metricsNamespace) {

    public AnalysisSettings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("environment variable DATA_BUCKET is not set");
        }
        if (days < 1 || days > 31) {
            throw new IllegalArgumentException("ANALYSIS_DAYS must be 1..31, was " + days);
        }
    }

    public static AnalysisSettings fromEnvironment(Map<String, String> env) {
        return new AnalysisSettings(env.get("DATA_BUCKET"), env.getOrDefault("CSV_PREFIX", "csv/"),
                env.getOrDefault("REPORT_PREFIX", "reports/"), env.getOrDefault("TOPOLOGY_KEY", ""),
                Integer.parseInt(env.getOrDefault("ANALYSIS_DAYS", "7")),
                ZoneId.of(env.getOrDefault("METER_ZONE", "Europe/Oslo")),
                env.getOrDefault("METRICS_NAMESPACE", "amsgrid/analysis"));
    }
}
