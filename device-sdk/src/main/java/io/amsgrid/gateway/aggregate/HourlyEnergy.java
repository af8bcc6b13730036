package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One List 3: the cumulative energy registers at the top of an hour, published at once.
 *
 * @param hour         the hour the registers belong to (meter clock truncated to the hour, or the
 *                     arrival time when the list has no clock)
 * @param registers    Wh / varh registers present in the list
 * @param flag         how this hour relates to the previous one
 * @param missingHours hours missing between the previous hour and this one (0 unless GAP)
 * @param meterId      the meter's id when the list carried it, else null
 * @param meterTime    the meter clock of the list, else null
 */
public record HourlyEnergy(Instant hour, Map<Measurement, Double> registers, HourFlag flag, int missingHours,
                           String meterId, Instant meterTime) {
    public HourlyEnergy {
        EnumMap<Measurement, Double> copy = new EnumMap<>(Measurement.class);
        copy.putAll(registers);
        registers = Collections.unmodifiableMap(copy);
    }
}
