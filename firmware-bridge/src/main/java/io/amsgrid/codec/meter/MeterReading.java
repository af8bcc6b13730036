package io.amsgrid.codec.meter;

import io.amsgrid.codec.obis.ObisCode;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One decoded meter list, normalized: what the gateway aggregates and the cloud stores.
 *
 * <p>Absent values stay absent: a single-phase meter has no {@code currentL2A}, a List 1 push has
 * only {@code activeImportW}. Values are in W, var, A, V, Wh and varh.
 *
 * @param meterId    the meter's serial / GS1 number, when the list carries it (List 2 and 3)
 * @param meterType  the meter type string, when the list carries it
 * @param listId     the list version identifier (e.g. {@code Kamstrup_V0001}), when present
 * @param meterClock the meter's clock as sent (ISO-8601 local date-time with offset or zone as the
 *                   frame gives it), when the frame carries one
 * @param meterTime  the meter clock as an instant, by the rule in {@code docs/han-protocol.md}
 * @param values     the normalized quantities present in the list
 * @param other      every other OBIS value with its unit (scaled), in frame order
 */
public record MeterReading(
        String meterId,
        String meterType,
        String listId,
        String meterClock,
        Instant meterTime,
        Map<Measurement, Double> values,
        Map<ObisCode, Quantity> other) {

    /** A value with its unit as the meter sent it, scaled; {@code value} is a Number or a String. */
    public record Quantity(Object value, String unit) {
    }

    public MeterReading {
        if (!(values instanceof MeasurementValues)) { // the lean path's values are immutable already
            EnumMap<Measurement, Double> copy = new EnumMap<>(Measurement.class);
            values.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
            values = Collections.unmodifiableMap(copy);
        }
        other = other.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    public OptionalDouble get(Measurement measurement) {
        if (values instanceof MeasurementValues m) {
            return m.has(measurement) ? OptionalDouble.of(m.value(measurement)) : OptionalDouble.empty();
        }
        Double v = values.get(measurement);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public Optional<Instant> time() {
        return Optional.ofNullable(meterTime);
    }

    /** True when the list carries cumulative energy registers (List 3 / hourly). */
    public boolean hasEnergyRegisters() {
        return values.containsKey(Measurement.ACTIVE_IMPORT_WH);
    }
}
