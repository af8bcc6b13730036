package io.amsgrid.analysis;

import io.amsgrid.analysis.unbalance.VoltageKind;

import java.time.ZoneId;

/**
 * The analysis's settings, validated once. Defaults are the values documented in
 * {@code docs/analysis.md}.
 *
 * @param smoothingSpanMinutes     trailing moving average for the charts (thesis: last 50 values)
 * @param detrendSpanMinutes       centered moving average removed before the fluctuation correlation
 * @param clusterMaxDistance       average-linkage clustering stops above this {@code 1 - r}
 * @param unbalanceThresholdPercent EN 50160: 10-minute unbalance within 0-2 %
 * @param unbalanceMinMinutes      an alarm needs the factor above the threshold this long
 * @param defaultVoltages          what three-phase voltages are when the topology does not say
 * @param correlationMargin        a meter is flagged when another transformer's group explains it this much better
 * @param orderToleranceV          an ordering inversion must be at least this large (median, volts)
 * @param orderMinFraction         ... and hold in at least this share of low-load windows
 * @param lowLoadQuantile          low-load windows: radial import at or below this quantile
 * @param faultThresholdPercent    fault suspicion: unbalance far above what load imbalance causes (5 %)
 * @param faultMinMinutesPerDay    ... sustained (runs of >= 10 min) this long per day of data, on average
 * @param zone                     local time of the meters (days, hours of the day)
 */
public record AnalysisOptions(int smoothingSpanMinutes, int detrendSpanMinutes, double clusterMaxDistance,
                              double unbalanceThresholdPercent, int unbalanceMinMinutes, VoltageKind defaultVoltages,
                              double correlationMargin, double orderToleranceV, double orderMinFraction,
                              double lowLoadQuantile, double faultThresholdPercent,
                              int faultMinMinutesPerDay, ZoneId zone) {

    public AnalysisOptions {
        if (smoothingSpanMinutes < 1 || detrendSpanMinutes < 3) {
            throw new IllegalArgumentException("smoothing span must be >= 1 minute and detrend span >= 3 minutes");
        }
        if (unbalanceThresholdPercent <= 0 || unbalanceMinMinutes < 1) {
            throw new IllegalArgumentException("unbalance threshold must be > 0 % and duration >= 1 minute");
        }
        if (lowLoadQuantile <= 0 || lowLoadQuantile > 1 || orderMinFraction <= 0.5 || orderMinFraction > 1) {
            throw new IllegalArgumentException("low-load quantile must be in (0,1], order fraction in (0.5,1]");
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(50, 31, 0.75, 2.0, 10, VoltageKind.PHASE_TO_NEUTRAL, 0.2, 0.05, 0.7, 0.4, 5.0, 60,
                ZoneId.of("Europe/Oslo"));
    }

    public AnalysisOptions withSmoothingSpan(int minutes) {
        return new AnalysisOptions(minutes, detrendSpanMinutes, clusterMaxDistance, unbalanceThresholdPercent,
                unbalanceMinMinutes, defaultVoltages, correlationMargin, orderToleranceV, orderMinFraction,
                lowLoadQuantile, faultThresholdPercent, faultMinMinutesPerDay, zone);
    }

    public AnalysisOptions withDefaultVoltages(VoltageKind kind) {
        return new AnalysisOptions(smoothingSpanMinutes, detrendSpanMinutes, clusterMaxDistance,
                unbalanceThresholdPercent, unbalanceMinMinutes, kind, correlationMargin, orderToleranceV,
                orderMinFraction, lowLoadQuantile, faultThresholdPercent, faultMinMinutesPerDay, zone);
    }

    public AnalysisOptions withUnbalance(double thresholdPercent, int minMinutes) {
        return new AnalysisOptions(smoothingSpanMinutes, detrendSpanMinutes, clusterMaxDistance, thresholdPercent,
                minMinutes, defaultVoltages, correlationMargin, orderToleranceV, orderMinFraction, lowLoadQuantile,
                faultThresholdPercent, faultMinMinutesPerDay, zone);
    }

    public AnalysisOptions withZone(ZoneId z) {
        return new AnalysisOptions(smoothingSpanMinutes, detrendSpanMinutes, clusterMaxDistance,
                unbalanceThresholdPercent, unbalanceMinMinutes, defaultVoltages, correlationMargin, orderToleranceV,
                orderMinFraction, lowLoadQuantile, faultThresholdPercent, faultMinMinutesPerDay, z);
    }
}
