package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.topology.TopologyFinding;
import org.junit.jupiter.api.Test;

class TuneProbe {
    @Test
    void probe() {
        for (int seed = 100; seed < 100 + Integer.getInteger("runs", 10); seed++) {
            SimConfig cfg = SimConfig.defaults(seed).withDays(2);
            SimResult sim = FeederSimulator.run(cfg);
            AnalysisResult r = GridAnalysis.run(sim.meters(), sim.recordedTopology(), AnalysisOptions.defaults());
            var truth = sim.truth();
            var fault = truth.highImpedanceFault();
            System.out.println("seed " + seed + " fault " + fault.transformer() + "/" + fault.feeder() + " pos " + fault.position() + " R " + String.format("%.2f", fault.extraROhm()) + " down3 " + fault.downstreamThreePhaseMeters());
            for (var s : r.suspicions()) {
                boolean ok = fault.downstreamMeters().contains(s.firstMeter());
                var u = r.unbalance().get(s.firstMeter());
                System.out.printf("  %s %s min %d max %.1f p50 %.2f p95 %.2f share %d quiet %d%n", ok ? "TRUE " : "FALSE", s.radial(), s.alarmMinutes(), s.maxPercent(),
                        io.amsgrid.analysis.stats.Series.median(u.percent()), u.p95Percent(), s.sharingDownstream().size(), s.quietDownstream().size());
            }
            for (TopologyFinding f : r.topologyFindings()) {
                if (f instanceof TopologyFinding.WrongTransformer w) {
                    boolean ok = truth.wrongTransformer().stream().anyMatch(x -> x.meterId().equals(w.meterId()));
                    System.out.println("  WT " + (ok ? "TRUE " : "FALSE ") + w.evidence());
                }
                if (f instanceof TopologyFinding.OutOfOrder o) {
                    System.out.println("  OO " + o.meterId() + " " + o.evidence());
                }
            }
            System.out.println("  swaps " + truth.wrongOrder() + " wrong " + truth.wrongTransformer());
        }
    }
}
