package io.amsgrid.analysis.csv;

import io.amsgrid.codec.meter.Measurement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collects rows (in any order, from several daily files) into a {@link MeterSeries}. */
public final class MeterSeriesBuilder {

    /** Slots per row: avg, min, max for each instantaneous measurement. */
    private static final int SLOTS = MeterSeries.THREE_PHASE.size() * 3;

    private final String meterId;
    private final TreeMap<Long, double[]> rows = new TreeMap<>();
    private final Map<Long, Integer> samples = new TreeMap<>();
    private final Set<Measurement> columns = EnumSet.noneOf(Measurement.class);

    public MeterSeriesBuilder(String meterId) {
        this.meterId = meterId;
    }

    /** Declares that the meter has a column for a measurement (even if every cell is empty). */
    public void addColumn(Measurement m) {
        columns.add(m);
    }

    /** A fresh row with every value absent, to fill with {@link #set}. */
    public static double[] emptyRow() {
        double[] row = new double[SLOTS];
        Arrays.fill(row, Double.NaN);
        return row;
    }

    /** Sets a value in a row made by {@link #emptyRow()}; {@code stat} is 0 avg, 1 min, 2 max. */
    public static void set(double[] row, Measurement m, int stat, double value) {
        row[m.ordinal() * 3 + stat] = value;
    }

    /** Adds a row; returns false (and keeps the first) when the timestamp was already added. */
    public boolean add(long timestampS, double[] row, int sampleCount) {
        if (rows.containsKey(timestampS)) {
            return false;
        }
        rows.put(timestampS, row);
        samples.put(timestampS, sampleCount);
        return true;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public MeterSeries build() {
        int n = rows.size();
        long[] ts = new long[n];
        int[] sampleCounts = new int[n];
        List<Measurement> cols = new ArrayList<>(columns);
        Map<Measurement, double[]> avg = new EnumMap<>(Measurement.class);
        Map<Measurement, double[]> min = new EnumMap<>(Measurement.class);
        Map<Measurement, double[]> max = new EnumMap<>(Measurement.class);
        for (Measurement m : cols) {
            avg.put(m, new double[n]);
            min.put(m, new double[n]);
            max.put(m, new double[n]);
        }
        int i = 0;
        for (var e : rows.entrySet()) {
            ts[i] = e.getKey();
            sampleCounts[i] = samples.get(e.getKey());
            double[] row = e.getValue();
            for (Measurement m : cols) {
                avg.get(m)[i] = row[m.ordinal() * 3];
                min.get(m)[i] = row[m.ordinal() * 3 + 1];
                max.get(m)[i] = row[m.ordinal() * 3 + 2];
            }
            i++;
        }
        return new MeterSeries(meterId, ts, cols, avg, min, max, sampleCounts);
    }
}
