package io.amsgrid.analysis.stats;

import java.util.Arrays;

/** Smoothing, normalization and small helpers over time series where NaN means absent. */
public final class Series {

    private Series() {
    }

    /**
     * Trailing moving average over a time span, as the thesis's filter ("the last 50 values"):
     * the mean of the present values with timestamp in {@code (t - spanS, t]}.
     */
    public static double[] trailingMean(long[] timestampS, double[] v, long spanS) {
        return windowMean(timestampS, v, spanS, 0);
    }

    /** Centered moving average over {@code [t - spanS/2, t + spanS/2]}: the slow trend of a series. */
    public static double[] centeredMean(long[] timestampS, double[] v, long spanS) {
        return windowMean(timestampS, v, spanS / 2, spanS / 2);
    }

    private static double[] windowMean(long[] ts, double[] v, long backS, long aheadS) {
        double[] out = new double[v.length];
        int lo = 0;
        int hi = 0;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            while (hi < v.length && ts[hi] <= ts[i] + aheadS) {
                if (!Double.isNaN(v[hi])) {
                    sum += v[hi];
                    n++;
                }
                hi++;
            }
            long lowest = aheadS == 0 ? ts[i] - backS + 1 : ts[i] - backS;
            while (ts[lo] < lowest) {
                if (!Double.isNaN(v[lo])) {
                    sum -= v[lo];
                    n--;
                }
                lo++;
            }
            out[i] = Double.isNaN(v[i]) || n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    /** {@code v - centeredMean(v)}: the fluctuations that remain after removing the daily trend. */
    public static double[] detrend(long[] timestampS, double[] v, long spanS) {
        double[] trend = centeredMean(timestampS, v, spanS);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - trend[i];
        }
        return out;
    }

    /** Scales to 0..1 (0 = the series' minimum, 1 = its maximum), as in the thesis's fig. 6.2. */
    public static double[] normalize(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? Double.NaN : hi > lo ? (v[i] - lo) / (hi - lo) : 0.5;
        }
        return out;
    }

    /** Median of the present values (NaN when none). */
    public static double median(double[] v) {
        double[] p = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (p.length == 0) {
            return Double.NaN;
        }
        return p.length % 2 == 1 ? p[p.length / 2] : (p[p.length / 2 - 1] + p[p.length / 2]) / 2;
    }

    /** The q-quantile (0..1) of the present values, nearest-rank. */
    public static double quantile(double[] v, double q) {
        double[] p = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (p.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(p.length - 1, Math.max(0, Math.ceil(q * p.length) - 1));
        return p[idx];
    }

    /** Mean of present values. */
    public static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
