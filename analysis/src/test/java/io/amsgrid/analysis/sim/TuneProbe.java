package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import org.junit.jupiter.api.Test;

class TuneProbe {
    @Test
    void probe() {
        SimConfig cfg = SimConfig.defaults(1).withDays(2);
        long t0 = System.nanoTime();
        SimResult sim = FeederSimulator.run(cfg);
        long t1 = System.nanoTime();
        AnalysisResult r = GridAnalysis.run(sim.meters(), sim.recordedTopology(), AnalysisOptions.defaults());
        long t2 = System.nanoTime();
        System.out.printf("sim %.2fs analysis %.2fs%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        System.out.println(sim.truth().wrongTransformer() + "\n" + sim.truth().wrongOrder() + "\n" + sim.truth().highImpedanceFault());
        r.topologyFindings().forEach(f -> System.out.println(f.meterId() + " " + f.getClass().getSimpleName() + " " + f.evidence()));
        r.suspicions().forEach(s -> System.out.println(s.radial() + " " + s.evidence()));
        r.unbalance().values().forEach(u -> System.out.printf("%s p95 %.2f max %.2f alarms %d%n", u.meterId(), u.p95Percent(), u.maxPercent(), u.episodes().size()));
        System.out.println("clusters " + r.clusters());
        System.out.println("hours hi " + r.highestVoltageHour() + " lo " + r.lowestVoltageHour() + " " + java.util.Arrays.toString(r.hourlyDeviationV()));
        for (var m : sim.meters().subList(0, 3)) {
            double[] v = m.meanVoltageV();
            System.out.println(m.meterId() + " " + m.size() + " v0 " + v[0] + " v600 " + v[600] + " imp " + m.avg(io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_W)[600]);
        }
        System.out.println(Evaluation.run(cfg, AnalysisOptions.defaults(), 100, Integer.getInteger("runs", 5)).summary());
    }
}
