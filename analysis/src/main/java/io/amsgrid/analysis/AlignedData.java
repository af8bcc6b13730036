package io.amsgrid.analysis;

import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Series;
import io.amsgrid.codec.meter.Measurement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * All meters on one timeline (the union of their window starts), NaN where a meter has no row:
 * the mean voltage, its fluctuation (minus the centered trend), own current per phase, import and
 * export. Pairwise statistics use the timestamps both meters have.
 */
public final class AlignedData {

    private final long[] timeline;
    private final List<String> meterIds = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final double[][] voltage;
    private final double[][] fluctuation;
    private final double[][] currentPerPhase;
    private final double[][] importW;
    private final double[][] exportW;

    public AlignedData(List<MeterSeries> meters, int detrendSpanMinutes) {
        TreeSet<Long> all = new TreeSet<>();
        for (MeterSeries m : meters) {
            for (long t : m.timestampS()) {
                all.add(t);
            }
        }
        timeline = all.stream().mapToLong(Long::longValue).toArray();
        int n = meters.size();
        voltage = new double[n][];
        fluctuation = new double[n][];
        currentPerPhase = new double[n][];
        importW = new double[n][];
        exportW = new double[n][];
        for (int i = 0; i < n; i++) {
            MeterSeries m = meters.get(i);
            meterIds.add(m.meterId());
            index.put(m.meterId(), i);
            double[] v = m.meanVoltageV();
            double[] current = m.totalCurrentA();
            int phases = m.isThreePhase() ? 3 : 1;
            for (int k = 0; k < current.length; k++) {
                current[k] /= phases;
            }
            voltage[i] = onTimeline(m, v);
            fluctuation[i] = onTimeline(m, Series.detrend(m.timestampS(), v, detrendSpanMinutes * 60L));
            currentPerPhase[i] = onTimeline(m, current);
            importW[i] = onTimeline(m, m.avg(Measurement.ACTIVE_IMPORT_W));
            exportW[i] = onTimeline(m, m.avg(Measurement.ACTIVE_EXPORT_W));
        }
    }

    private double[] onTimeline(MeterSeries m, double[] values) {
        return onTimeline(m.meterId(), m.timestampS(), values);
    }

    /** Places a series given on its own timestamps (all on this timeline) onto the timeline. */
    public double[] onTimeline(String meterId, long[] timestampS, double[] values) {
        double[] out = new double[timeline.length];
        java.util.Arrays.fill(out, Double.NaN);
        int j = 0;
        for (int i = 0; i < timestampS.length; i++) {
            while (timeline[j] < timestampS[i]) {
                j++;
            }
            out[j] = values[i];
        }
        return out;
    }

    public long[] timeline() {
        return timeline;
    }

    public List<String> meterIds() {
        return List.copyOf(meterIds);
    }

    /** Index of a meter, or -1. */
    public int indexOf(String meterId) {
        return index.getOrDefault(meterId, -1);
    }

    public double[] voltage(int meter) {
        return voltage[meter];
    }

    public double[] fluctuation(int meter) {
        return fluctuation[meter];
    }

    public double[] currentPerPhase(int meter) {
        return currentPerPhase[meter];
    }

    public double[] importW(int meter) {
        return importW[meter];
    }

    public double[] exportW(int meter) {
        return exportW[meter];
    }

    /** The mean, at each timestamp, of the given meters' arrays (NaN where none is present). */
    public static double[] meanOf(List<double[]> arrays, int length) {
        double[] out = new double[length];
        for (int t = 0; t < length; t++) {
            double s = 0;
            int n = 0;
            for (double[] a : arrays) {
                if (!Double.isNaN(a[t])) {
                    s += a[t];
                    n++;
                }
            }
            out[t] = n == 0 ? Double.NaN : s / n;
        }
        return out;
    }

    /** Hourly profile helper: the mean of {@code values} per local hour of day (0-23). */
    public double[] byHourOfDay(double[] values, java.time.ZoneId zone) {
        double[] sum = new double[24];
        int[] n = new int[24];
        for (int t = 0; t < timeline.length; t++) {
            if (!Double.isNaN(values[t])) {
                int h = java.time.Instant.ofEpochSecond(timeline[t]).atZone(zone).getHour();
                sum[h] += values[t];
                n[h]++;
            }
        }
        double[] out = new double[24];
        for (int h = 0; h < 24; h++) {
            out[h] = n[h] == 0 ? Double.NaN : sum[h] / n[h];
        }
        return out;
    }
}
