package io.amsgrid.analysis.topology;

import io.amsgrid.analysis.AlignedData;
import io.amsgrid.analysis.stats.Series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The sequence check (voltage-drop method): along a radial the voltage falls outward, so at low
 * load a meter recorded nearer the transformer should read higher than one recorded further out.
 *
 * <ul>
 *   <li>Only three-phase meters are ranked, by the mean of their three voltages. A single-phase
 *       meter's voltage depends on which phase it hangs on and on the neutral shift that
 *       unbalanced load causes (the lightly loaded phases can even rise outward), so ranking it
 *       against others misleads; it is reported as not checkable.</li>
 *   <li>Windows: every ranked meter present, <b>no meter of the radial exporting</b> (a prosumer's
 *       export raises the voltage downstream and would be misread as a wrong order), no ranked
 *       meter above the unbalance threshold, and the radial's total import at or below the
 *       low-load quantile.</li>
 *   <li>Each meter's own load drops voltage in its own service cable whatever its position; that
 *       is removed with the meter's own slope dV/dI, estimated from the fast fluctuations of its
 *       voltage (relative to the radial mean) against its own current.</li>
 *   <li>Offset = median of corrected voltage minus the radial mean. A pair (i recorded before j)
 *       is a significant inversion when j reads higher by at least the tolerance (median) in at
 *       least the minimum share of windows. A meter is flagged when it is in a significant
 *       inversion and its rank by offset differs from its recorded rank (so meters between two
 *       swapped ones, which are only inverted against the swapped pair, are not blamed).</li>
 * </ul>
 */
public final class OrderingCheck {

    private static final int MIN_WINDOWS = 30;

    private OrderingCheck() {
    }

    /**
     * @param skip       meters not to rank (e.g. flagged as on another transformer)
     * @param unbalance  per three-phase meter, its unbalance factor on the aligned timeline
     * @param unbalanceLimitPercent windows where a ranked meter exceeds this are left out
     */
    public static List<TopologyFinding> run(Topology topology, AlignedData data, Set<String> skip,
                                            java.util.Map<String, double[]> unbalance, double unbalanceLimitPercent,
                                            double toleranceV, double minFraction, double lowLoadQuantile,
                                            int detrendSpanMinutes) {
        List<TopologyFinding> out = new ArrayList<>();
        for (var radial : topology.radials().entrySet()) {
            List<TopologyEntry> present = radial.getValue().stream()
                    .filter(e -> !skip.contains(e.meterId()) && data.indexOf(e.meterId()) >= 0).toList();
            List<TopologyEntry> members = present.stream().filter(e -> unbalance.containsKey(e.meterId())).toList();
            if (members.size() < 2) {
                continue;
            }
            for (TopologyEntry e : present) {
                if (!unbalance.containsKey(e.meterId())) {
                    out.add(new TopologyFinding.NotCheckable(e.meterId(), radial.getKey(),
                            "single-phase meter: its voltage depends on its phase and the neutral shift; "
                                    + "order checked among three-phase meters only"));
                }
            }
            double[][] members3 = members.stream().map(e -> unbalance.get(e.meterId())).toArray(double[][]::new);
            checkRadial(radial.getKey(), members, radial.getValue(), members3, unbalanceLimitPercent, data,
                    toleranceV, minFraction, lowLoadQuantile, detrendSpanMinutes, out);
        }
        return out;
    }

    private static void checkRadial(String radial, List<TopologyEntry> members, List<TopologyEntry> everyone,
                                    double[][] unbalance, double unbalanceLimit, AlignedData data, double tol,
                                    double minFraction, double lowLoadQuantile, int detrendSpanMinutes,
                                    List<TopologyFinding> out) {
        long[] ts = data.timeline();
        int k = members.size();
        int[] idx = members.stream().mapToInt(e -> data.indexOf(e.meterId())).toArray();
        int[] all = everyone.stream().mapToInt(e -> data.indexOf(e.meterId())).filter(i -> i >= 0).toArray();
        boolean[] eligible = new boolean[ts.length];
        double[] ref = new double[ts.length];
        double[] radialImport = new double[ts.length];
        java.util.Arrays.fill(radialImport, Double.NaN);
        for (int t = 0; t < ts.length; t++) {
            boolean ok = true;
            double sumV = 0;
            double sumP = 0;
            for (int a = 0; a < k && ok; a++) {
                double v = data.voltage(idx[a])[t];
                double i = data.currentPerPhase(idx[a])[t];
                ok = !Double.isNaN(v) && !Double.isNaN(i) && !(unbalance[a][t] > unbalanceLimit);
                sumV += v;
            }
            for (int m : all) {
                double exp = data.exportW(m)[t];
                double imp = data.importW(m)[t];
                ok &= !(exp > 0);
                sumP += Double.isNaN(imp) ? 0 : imp;
            }
            eligible[t] = ok;
            ref[t] = ok ? sumV / k : Double.NaN;
            radialImport[t] = ok ? sumP : Double.NaN;
        }
        double limit = Series.quantile(radialImport, lowLoadQuantile);
        boolean[] low = new boolean[ts.length];
        int windows = 0;
        for (int t = 0; t < ts.length; t++) {
            low[t] = eligible[t] && radialImport[t] <= limit;
            windows += low[t] ? 1 : 0;
        }
        if (windows < MIN_WINDOWS) {
            for (TopologyEntry e : members) {
                out.add(new TopologyFinding.NotCheckable(e.meterId(), radial, "only " + windows
                        + " low-load windows without export with all meters present (need " + MIN_WINDOWS + ")"));
            }
            return;
        }
        double[][] corrected = new double[k][ts.length];
        double[] offset = new double[k];
        for (int a = 0; a < k; a++) {
            double[] v = data.voltage(idx[a]);
            double[] current = data.currentPerPhase(idx[a]);
            double[] d = new double[ts.length];
            double[] c = new double[ts.length];
            for (int t = 0; t < ts.length; t++) {
                d[t] = eligible[t] ? v[t] - ref[t] : Double.NaN;
                c[t] = eligible[t] ? current[t] : Double.NaN;
            }
            double slope = slope(Series.detrend(ts, d, detrendSpanMinutes * 60L),
                    Series.detrend(ts, c, detrendSpanMinutes * 60L));
            double[] rel = new double[ts.length];
            for (int t = 0; t < ts.length; t++) {
                corrected[a][t] = low[t] ? v[t] - slope * current[t] : Double.NaN;
                rel[t] = low[t] ? corrected[a][t] - ref[t] : Double.NaN;
            }
            offset[a] = Series.median(rel);
        }
        Integer[] byOffset = new Integer[k];
        for (int a = 0; a < k; a++) {
            byOffset[a] = a;
        }
        java.util.Arrays.sort(byOffset, Comparator.comparingDouble(a -> -offset[a]));
        int[] voltageRank = new int[k];
        for (int r = 0; r < k; r++) {
            voltageRank[byOffset[r]] = r;
        }
        for (int a = 0; a < k; a++) {
            if (voltageRank[a] == a) {
                continue;
            }
            double worst = 0;
            double worstFraction = 0;
            int partner = -1;
            for (int b = 0; b < k; b++) {
                if (b == a) {
                    continue;
                }
                int up = Math.min(a, b);
                int down = Math.max(a, b);
                double[] diff = new double[ts.length];
                int above = 0;
                for (int t = 0; t < ts.length; t++) {
                    diff[t] = low[t] ? corrected[down][t] - corrected[up][t] : Double.NaN;
                    above += low[t] && diff[t] > 0 ? 1 : 0;
                }
                double median = Series.median(diff);
                double fraction = (double) above / windows;
                if (median > tol && fraction >= minFraction && median > worst) {
                    worst = median;
                    worstFraction = fraction;
                    partner = b;
                }
            }
            if (partner >= 0) {
                TopologyEntry e = members.get(a);
                out.add(new TopologyFinding.OutOfOrder(e.meterId(), radial, e.position(),
                        members.get(voltageRank[a]).position(), offset[a],
                        members.get(partner).meterId(), worst, worstFraction, windows));
            }
        }
    }

    /** Least-squares slope of y on x through the origin (both already detrended). */
    private static double slope(double[] y, double[] x) {
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(y[t]) && !Double.isNaN(x[t])) {
                sxy += x[t] * y[t];
                sxx += x[t] * x[t];
            }
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
