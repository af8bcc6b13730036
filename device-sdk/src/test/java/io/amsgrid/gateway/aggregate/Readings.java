package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Small builders of readings for the unit tests. */
final class Readings {
    private Readings() {
    }

    static MeterReading of(Instant meterTime, Object... pairs) {
        Map<Measurement, Double> values = new EnumMap<>(Measurement.class);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((Measurement) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return new MeterReading("6970631400000000", "MA304H3E", "Kamstrup_V0001", null, meterTime, values, Map.of());
    }
}
