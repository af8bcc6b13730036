package io.amsgrid.analysis.stats;

/**
 * A Pearson correlation with its evidence: the number of aligned points, the t statistic
 * {@code t = r sqrt((n-2)/(1-r^2))} and the two-sided p-value from Student's t with n-2 degrees
 * of freedom. The p-value assumes independent points; 1-minute voltages are autocorrelated, so
 * it overstates significance (read it as "is there any linear relation", not as a precise figure).
 */
public record Correlation(double r, int n, double t, double pValue) {

    /** Pearson's r over the indices where both series have a value (NaN = absent). */
    public static Correlation pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series lengths differ: " + x.length + " vs " + y.length);
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < 3) {
            return new Correlation(Double.NaN, n, Double.NaN, Double.NaN);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                syy += dy * dy;
                sxy += dx * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return new Correlation(Double.NaN, n, Double.NaN, Double.NaN);
        }
        double r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
        int dof = n - 2;
        double t = Math.abs(r) >= 1 ? Math.copySign(Double.POSITIVE_INFINITY, r) : r * Math.sqrt(dof / (1 - r * r));
        return new Correlation(r, n, t, SpecialFunctions.studentTTwoSidedP(t, dof));
    }
}
