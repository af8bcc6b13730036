package io.amsgrid.analysis.unbalance;

import java.util.List;

/**
 * A radial where sustained unbalance starts at one meter and is shared downstream: the sign of a
 * high-impedance fault (a bad joint, a conductor touching something) between {@code afterMeter}
 * (or the transformer) and {@code firstMeter} on phase-level evidence.
 *
 * @param radial              transformer/feeder
 * @param firstMeter          the alarming three-phase meter nearest the transformer
 * @param firstPosition       its recorded position
 * @param afterMeter          the nearest three-phase meter upstream without an alarm ("" = transformer)
 * @param sharingDownstream   downstream three-phase meters whose alarms overlap the first one's
 * @param quietDownstream     downstream three-phase meters without an overlapping alarm
 * @param maxPercent          the largest factor seen among these meters
 * @param alarmMinutes        the first meter's total time above the fault level (runs >= 10 min)
 */
public record FaultSuspicion(String radial, String firstMeter, int firstPosition, String afterMeter,
                             List<String> sharingDownstream, List<String> quietDownstream, double maxPercent,
                             long alarmMinutes) {

    public String evidence() {
        return String.format(java.util.Locale.ROOT,
                "unbalance above the fault level from %s (position %d) for %d min, max %.1f %%; shared downstream by %s; "
                        + "fault likely between %s and %s",
                firstMeter, firstPosition, alarmMinutes, maxPercent,
                sharingDownstream.isEmpty() ? "no other three-phase meter" : String.join(", ", sharingDownstream),
                afterMeter.isEmpty() ? "the transformer" : afterMeter, firstMeter);
    }
}
