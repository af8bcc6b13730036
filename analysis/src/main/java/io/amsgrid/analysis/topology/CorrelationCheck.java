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
 * fluctuation of each transformer's recorded group, the meter itself left out. Flag when another
 * group's r exceeds the recorded group's by the margin and is significant (p < 0.001).
 */
public final class CorrelationCheck {

    private CorrelationCheck() {
    }

    public static List<TopologyFinding.WrongTransformer> run(Topology topology, AlignedData data, double margin) {
        Map<String, List<String>> groups = topology.transformers();
        List<TopologyFinding.WrongTransformer> out = new ArrayList<>();
        int length = data.timeline().length;
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
                        .mapToInt(data::indexOf).filter(i -> i >= 0).mapToObj(data::fluctuation).toList();
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
            if (best != null && best.r() - rOwn > margin && best.pValue() < 1e-3) {
                out.add(new TopologyFinding.WrongTransformer(e.meterId(), e.transformer(), bestGroup, rOwn, best.r(),
                        best.n(), best.pValue()));
            }
        }
        return out;
    }
}
