package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cumulative energy registers of one meter hour (topic {@code hr/<thing>}, from List 3).
 * Register values are whole Wh / varh in a 64-bit integer: exact far beyond the 10^12 Wh a
 * cumulative register could reach.
 *
 * @param sequence        gateway sequence number, 0 to 2^32-1
 * @param hourStartEpochS the meter's hour, UNIX seconds, 0 to 2^32-1
 * @param meterId         the meter's id, or {@code null}
 * @param flags           {@link HourlyFlag}s
 * @param missingHours    hours missing before this one: 0 without {@link HourlyFlag#GAP}, 1-65535 with it
 * @param registers       the present energy registers (Wh, varh), at least one, each &gt;= 0
 */
public record HourlyPayload(
        long sequence,
        long hourStartEpochS,
        String meterId,
        Set<HourlyFlag> flags,
        int missingHours,
        Map<Measurement, Long> registers) implements Payload {

    public HourlyPayload {
        PayloadChecks.u32("sequence", sequence);
        PayloadChecks.u32("hourStartEpochS", hourStartEpochS);
        meterId = PayloadChecks.meterId(meterId);
        flags = flags.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        boolean gap = flags.contains(HourlyFlag.GAP);
        if (gap && (missingHours < 1 || missingHours > 0xFFFF)) {
            throw PayloadException.outOfRange("with GAP, missingHours must be 1..65535, was " + missingHours);
        }
        if (!gap && missingHours != 0) {
            throw PayloadException.outOfRange("missingHours must be 0 without GAP, was " + missingHours);
        }
        Objects.requireNonNull(registers, "registers");
        if (registers.isEmpty()) {
            throw PayloadException.outOfRange("an hourly payload needs at least one energy register");
        }
        EnumMap<Measurement, Long> copy = new EnumMap<>(Measurement.class);
        registers.forEach((m, v) -> {
            if (m.kind() != Measurement.Kind.ENERGY) {
                throw PayloadException.outOfRange(m.fieldName() + " is not an energy register");
            }
            copy.put(m, PayloadChecks.nonNegative(m.fieldName(), Objects.requireNonNull(v, m.fieldName())));
        });
        registers = Collections.unmodifiableMap(copy);
    }

    @Override
    public PayloadType type() {
        return PayloadType.HOURLY;
    }
}
