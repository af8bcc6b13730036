package io.amsgrid.analysis.unbalance;

import java.util.List;

/**
 * One three-phase meter's unbalance: the factor per window (on the meter's own timestamps), how
 * it was computed, and its sustained-unbalance alarms.
 */
public record MeterUnbalance(String meterId, VoltageKind voltages, long[] timestampS, double[] percent,
                             double p95Percent, double maxPercent, List<UnbalanceEpisode> episodes) {

    public long alarmSeconds() {
        return episodes.stream().mapToLong(UnbalanceEpisode::durationS).sum();
    }

    public boolean hasAlarm() {
        return !episodes.isEmpty();
    }

    /** Whether any of this meter's alarms overlaps in time with one of {@code other}'s. */
    public boolean overlaps(MeterUnbalance other) {
        for (UnbalanceEpisode a : episodes) {
            for (UnbalanceEpisode b : other.episodes) {
                if (a.startS() < b.endS() && b.startS() < a.endS()) {
                    return true;
                }
            }
        }
        return false;
    }
}
