package io.amsgrid.codec.meter;

import io.amsgrid.codec.obis.ObisCode;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalization: maps OBIS-labelled values to the 14 {@link Measurement}s (value group B is
 * ignored, so Kamstrup's 1.1.x maps like 1.0.x), converts kW/kWh/kvar/kvarh to base units, and
 * keeps every other value in {@code other}. Absent values stay absent.
 */
public final class MeterReadings {

    private MeterReadings() {
    }

    /** The measurement an OBIS code denotes (A=1, E=0, any B and F), or null. */
    public static Measurement measurementOf(ObisCode obis) {
        return measurementOf(obis.a(), obis.c(), obis.d(), obis.e());
    }

    /** {@link #measurementOf(ObisCode)} from value groups A, C, D and E. */
    static Measurement measurementOf(int a, int c, int d, int e) {
        if (a != 1 || e != 0) {
            return null;
        }
        return switch (d) {
            case 7 -> switch (c) {
                case 1 -> Measurement.ACTIVE_IMPORT_W;
                case 2 -> Measurement.ACTIVE_EXPORT_W;
                case 3 -> Measurement.REACTIVE_IMPORT_VAR;
                case 4 -> Measurement.REACTIVE_EXPORT_VAR;
                case 31 -> Measurement.CURRENT_L1_A;
                case 51 -> Measurement.CURRENT_L2_A;
                case 71 -> Measurement.CURRENT_L3_A;
                case 32 -> Measurement.VOLTAGE_L1_V;
                case 52 -> Measurement.VOLTAGE_L2_V;
                case 72 -> Measurement.VOLTAGE_L3_V;
                default -> null;
            };
            case 8 -> switch (c) {
                case 1 -> Measurement.ACTIVE_IMPORT_WH;
                case 2 -> Measurement.ACTIVE_EXPORT_WH;
                case 3 -> Measurement.REACTIVE_IMPORT_VARH;
                case 4 -> Measurement.REACTIVE_EXPORT_VARH;
                default -> null;
            };
            default -> null;
        };
    }

    /** The factor that brings {@code unit} to the measurement's base unit, or NaN when it cannot. */
    public static double toBaseUnit(String unit, Measurement m) {
        if (unit == null) {
            return Double.NaN;
        }
        String base = m.unit();
        if (unit.equalsIgnoreCase(base)) {
            return 1;
        }
        if (unit.length() == base.length() + 1 && (unit.charAt(0) == 'k' || unit.charAt(0) == 'K')
                && unit.regionMatches(true, 1, base, 0, base.length())) {
            return 1000;
        }
        return Double.NaN;
    }

    public static MeterReading of(MeterList list) {
        Map<Measurement, Double> values = new EnumMap<>(Measurement.class);
        Map<ObisCode, MeterReading.Quantity> other = new LinkedHashMap<>();
        for (DecodedValue v : list.values()) {
            Measurement m = measurementOf(v.obis());
            if (m != null && v.isNumeric() && !values.containsKey(m)) {
                double factor = toBaseUnit(v.unit(), m);
                if (!Double.isNaN(factor)) {
                    values.put(m, v.doubleValue() * factor);
                    continue;
                }
            }
            if (!isIdentity(v.obis())) {
                other.putIfAbsent(v.obis(), new MeterReading.Quantity(v.value(), v.unit()));
            }
        }
        Instant time = MeterTimeRule.instant(list.clock(), list.headerClock(), list.profile());
        String clock = list.clock() == null ? null : list.clock().isoAsSent();
        return new MeterReading(list.meterId(), list.meterType(), list.listId(), clock, time, values, other);
    }

    /** List id, meter id, meter type and clock have their own fields in the reading. */
    private static boolean isIdentity(ObisCode o) {
        if (ListDecoder.isClock(o) || (o.c() == 0 && o.d() == 2 && o.e() == 129)) {
            return true;
        }
        for (ObisCode c : ListDecoder.METER_ID_CODES) {
            if (c.equals(o)) {
                return !c.equals(ListDecoder.METER_ID_CODES[2]) && !c.equals(ListDecoder.METER_ID_CODES[3]);
            }
        }
        return ListDecoder.METER_TYPE_CODES[0].equals(o) || ListDecoder.METER_TYPE_CODES[1].equals(o);
    }
}
