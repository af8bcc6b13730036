package io.amsgrid.gateway.powerfail;

import java.time.Instant;

/**
 * Phase voltages of one meter list; {@code NaN} for a phase the meter does not send.
 *
 * @param time       when the list arrived (gateway clock), or the meter clock if preferred by caller
 * @param voltageL1V phase 1 voltage, V
 * @param voltageL2V phase 2 voltage, V (NaN on single-phase meters)
 * @param voltageL3V phase 3 voltage, V (NaN on single-phase meters)
 */
public record VoltageSample(Instant time, float voltageL1V, float voltageL2V, float voltageL3V) {
}
