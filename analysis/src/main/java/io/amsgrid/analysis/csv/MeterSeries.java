package io.amsgrid.analysis.csv;

import io.amsgrid.codec.meter.Measurement;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One meter's {@code avg} rows, sorted by time: the window start and, per measurement the meter
 * reports, the window's average, minimum and maximum. An absent value is {@link Double#NaN}.
 *
 * @param meterId      the thing name (the CSV directory name)
 * @param timestampS   window starts, UNIX seconds, strictly increasing
 * @param columns      the instantaneous measurements this meter has columns for, in Appendix A order
 * @param avg          per measurement, one value per timestamp
 * @param min          per measurement, one value per timestamp
 * @param max          per measurement, one value per timestamp
 * @param samples      readings per window (0 when the column was empty)
 */
public record MeterSeries(String meterId, long[] timestampS, List<Measurement> columns,
                          Map<Measurement, double[]> avg, Map<Measurement, double[]> min,
                          Map<Measurement, double[]> max, int[] samples) {

    /** The three-phase column set (Appendix A order, instantaneous quantities). */
    public static final List<Measurement> THREE_PHASE = Arrays.stream(Measurement.values())
            .filter(Measurement::isInstantaneous).toList();
    /** The single-phase column set: the L2/L3 current and voltage columns left out. */
    public static final List<Measurement> SINGLE_PHASE = THREE_PHASE.stream()
            .filter(m -> !m.fieldName().contains("L2") && !m.fieldName().contains("L3")).toList();

    public static final List<Measurement> VOLTAGES =
            List.of(Measurement.VOLTAGE_L1_V, Measurement.VOLTAGE_L2_V, Measurement.VOLTAGE_L3_V);
    public static final List<Measurement> CURRENTS =
            List.of(Measurement.CURRENT_L1_A, Measurement.CURRENT_L2_A, Measurement.CURRENT_L3_A);

    public MeterSeries {
        columns = List.copyOf(columns);
        avg = new EnumMap<>(avg);
        min = new EnumMap<>(min);
        max = new EnumMap<>(max);
    }

    public int size() {
        return timestampS.length;
    }

    /** Whether the meter has columns for all three phase voltages. */
    public boolean isThreePhase() {
        return columns.contains(Measurement.VOLTAGE_L2_V) && columns.contains(Measurement.VOLTAGE_L3_V);
    }

    /** The averages of one measurement, or an all-NaN array when the meter lacks the column. */
    public double[] avg(Measurement m) {
        return valuesOf(avg, m);
    }

    public double[] min(Measurement m) {
        return valuesOf(min, m);
    }

    public double[] max(Measurement m) {
        return valuesOf(max, m);
    }

    private double[] valuesOf(Map<Measurement, double[]> map, Measurement m) {
        double[] v = map.get(m);
        if (v != null) {
            return v;
        }
        double[] empty = new double[size()];
        Arrays.fill(empty, Double.NaN);
        return empty;
    }

    /**
     * The mean of the phase voltages available at each timestamp (L1 only on a single-phase meter),
     * as in the thesis's fig. 6.3; NaN where none is present.
     */
    public double[] meanVoltageV() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            int n = 0;
            for (Measurement m : VOLTAGES) {
                double[] v = avg.get(m);
                if (v != null && !Double.isNaN(v[i])) {
                    sum += v[i];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    /** The sum of the phase currents at each timestamp (NaN where none is present). */
    public double[] totalCurrentA() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            int n = 0;
            for (Measurement m : CURRENTS) {
                double[] v = avg.get(m);
                if (v != null && !Double.isNaN(v[i])) {
                    sum += v[i];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum;
        }
        return out;
    }

    /** Index of a timestamp, or a negative insertion point as {@link Arrays#binarySearch}. */
    public int indexOf(long timestamp) {
        return Arrays.binarySearch(timestampS, timestamp);
    }
}
