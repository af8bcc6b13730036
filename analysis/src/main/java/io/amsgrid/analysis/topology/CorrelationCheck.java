package io.amsgrid.analysis.topology;

import io.amsgrid.analysis.AlignedData;
import io.amsgrid.analysis.stats.Correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The affiliation check: meters on one transformer share its voltage fluctuations (its MV feed and
 * its own load through its impedance). For each meter, correlate its fluctuation (voltage minus
 * its centered moving average, so the daily shape every meter shares is removed) with the mean
 * fluctuation of each transformer's recorded group, the meter itself left out. Each member's
 * fluctuation is scaled to unit standard deviation first, so one meter with large swings (behind a
 * high-impedance fault, say) does not dominate its group. Flag when another group's r is at least
 * {@value #MIN_R}, exceeds the recorded group's by the margin and is significant (p < 0.001).
 */
public final class CorrelationCheck {

    /** The other group must explain at least this much to be named. */
    public static final double MIN_R = 0.3;

    private CorrelationCheck() {
    }

    private static double[] standardized(double[] v) {
        double mean = io.amsgrid.analysis.stats.Series.mean(v);
        double ss = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
                n++;
            }
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = sd > 0 ? (v[i] - mean) / sd : Double.NaN;
        }
        return out;
    }

    public static List<TopologyFinding.WrongTransformer> run(Topology topology, AlignedData data, double margin) {
        Map<String, List<String>> groups = topology.transformers();
        List<TopologyFinding.WrongTransformer> out = new ArrayList<>();
        int length = data.timeline().length;
        java.util.Map<String, double[]> z = new java.util.HashMap<>();
        for (String id : data.meterIds()) {
            z.put(id, standardized(data.fluctuation(data.indexOf(id))));
        }
        for (TopologyEntry e : topology.entries()) {
            int m = data.indexOf(e.meterId());
            if (m < 0) {
                continue;
            }
            Correlation own = null;
            Correlation best = null;
            String bestGroup = null;
            for (var g : groups.entrySet()) {
                List<double[]> members = g.getValue().stream().filter(id -> !id.equals(e.meterId()))
                        .filter(z::containsKey).map(z::get).toList();
                if (members.isEmpty()) {
                    continue;
                }
                Correlation c = Correlation.pearson(data.fluctuation(m), AlignedData.meanOf(members, length));
                if (g.getKey().equals(e.transformer())) {
                    own = c;
                } else if (!Double.isNaN(c.r()) && (best == null || c.r() > best.r())) {
                    best = c;
                    bestGroup = g.getKey();
                }
            }
            double rOwn = own == null || Double.isNaN(own.r()) ? 0 : own.r();
            if (best != null && best.r() >= MIN_R && best.r() - rOwn > margin && best.pValue() < 1e-3) {
                out.add(new TopologyFinding.WrongTransformer(e.meterId(), e.transformer(), bestGroup, rOwn, best.r(),
                        best.n(), best.pValue()));
            }
        }
        return out;
    }
}
