package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasurementValuesTest {

    private static MeasurementValues of(Map<Measurement, Double> m) {
        double[] v = new double[Measurement.values().length];
        int present = 0;
        for (var e : m.entrySet()) {
            v[e.getKey().ordinal()] = e.getValue();
            present |= 1 << e.getKey().ordinal();
        }
        return new MeasurementValues(v, present);
    }

    @Test
    void map_sameEntriesAsEnumMap_equalBothWaysSameHashAndOrder() {
        EnumMap<Measurement, Double> e = new EnumMap<>(Measurement.class);
        e.put(Measurement.VOLTAGE_L1_V, 232.0);
        e.put(Measurement.ACTIVE_IMPORT_W, 826.0);
        e.put(Measurement.ACTIVE_EXPORT_WH, 0.0);
        MeasurementValues m = of(e);
        assertThat(m).isEqualTo(e);
        assertThat(e).isEqualTo(m);
        assertThat(m.hashCode()).isEqualTo(e.hashCode());
        assertThat(List.copyOf(m.entrySet())).isEqualTo(List.copyOf(e.entrySet()));
        assertThat(m.get(Measurement.VOLTAGE_L1_V)).isEqualTo(232.0);
        assertThat(m.get(Measurement.VOLTAGE_L2_V)).isNull();
        assertThat(m.containsKey(Measurement.ACTIVE_EXPORT_WH)).isTrue();
        assertThat(m).hasSize(3);
        assertThat(m.toString()).isEqualTo(e.toString());
    }

    @Test
    void meterReading_leanValues_keptImmutableAndReadWithoutBoxing() {
        MeasurementValues m = of(Map.of(Measurement.CURRENT_L1_A, 2.37));
        MeterReading r = new MeterReading(null, null, null, null, null, m, Map.of());
        assertThat(r.get(Measurement.CURRENT_L1_A)).hasValue(2.37);
        assertThat(r.get(Measurement.CURRENT_L2_A)).isEmpty();
        assertThatThrownBy(() -> r.values().put(Measurement.CURRENT_L2_A, 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r).isEqualTo(new MeterReading(null, null, null, null, null, Map.of(Measurement.CURRENT_L1_A, 2.37), Map.of()));
    }

    @Test
    void isoAsSent_impossibleDay_nullAndLeapDayKept() {
        assertThat(new CosemDateTime(2023, 2, 29, 0xFF, 12, 0, 0, 0xFF, CosemDateTime.DEVIATION_NOT_SPECIFIED, 0).isoAsSent()).isNull();
        assertThat(new CosemDateTime(2024, 2, 29, 0xFF, 12, 0, 0, 0xFF, CosemDateTime.DEVIATION_NOT_SPECIFIED, 0).isoAsSent())
                .isEqualTo("2024-02-29T12:00:00");
        assertThat(new CosemDateTime(2024, 4, 31, 0xFF, 12, 0, 0, 0, -60, 0).isoAsSent()).isNull();
        assertThat(new CosemDateTime(2024, 4, 30, 0xFF, 9, 5, 7, 3, -60, 0).isoAsSent()).isEqualTo("2024-04-30T09:05:07.03+01:00");
    }
}
