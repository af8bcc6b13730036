package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.FaultSuspicion;
import io.amsgrid.analysis.unbalance.MeterUnbalance;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Scores the analysis against the simulator's ground truth over many random feeders: detection
 * rates of the injected errors and false alarms on everything else.
 */
public final class Evaluation {

    /** Totals over the seeds run. */
    public record Score(int runs, int wrongTransformerInjected, int wrongTransformerFound, int wrongTransformerFalse,
                        int swapsInjected, int swapsFoundBoth, int swapsFoundAny, int swapsCheckable,
                        int swapsCheckableFound, int orderFalse,
                        int faultsInjected, int faultsFound, int faultFalseRadials, int unbalanceFalseMeters,
                        int metersChecked, int radialsChecked, int nightHighest, int peakLowest,
                        double smallestFoundFaultOhm, double largestMissedFaultOhm, double seconds) {

        public String summary() {
            return String.format(Locale.ROOT, """
                    runs: %d (meters %d, radials %d), %.1f s
                    wrong transformer: found %d of %d (%.0f %%), false alarms %d (%.2f per run)
                    wrong order (swapped pairs): both found %d of %d (%.0f %%), at least one %d (%.0f %%); \
                    of pairs of two three-phase meters: both found %d of %d (%.0f %%); false alarms %d (%.2f per run)
                    high-impedance fault: radial found %d of %d (%.0f %%), false radials %d (%.2f per run), meters with false unbalance alarms %d; \
                    smallest joint found %.2f ohm, largest missed %.2f ohm
                    thesis: highest voltage at night (22-06) in %d runs, lowest in a peak (06-09 or 16-21) in %d runs""",
                    runs, metersChecked, radialsChecked, seconds,
                    wrongTransformerFound, wrongTransformerInjected, pct(wrongTransformerFound, wrongTransformerInjected),
                    wrongTransformerFalse, (double) wrongTransformerFalse / runs,
                    swapsFoundBoth, swapsInjected, pct(swapsFoundBoth, swapsInjected), swapsFoundAny,
                    pct(swapsFoundAny, swapsInjected), swapsCheckableFound, swapsCheckable,
                    pct(swapsCheckableFound, swapsCheckable), orderFalse, (double) orderFalse / runs,
                    faultsFound, faultsInjected, pct(faultsFound, faultsInjected), faultFalseRadials,
                    (double) faultFalseRadials / runs, unbalanceFalseMeters, smallestFoundFaultOhm, largestMissedFaultOhm,
                    nightHighest, peakLowest);
        }

        private static double pct(int a, int b) {
            return b == 0 ? Double.NaN : 100.0 * a / b;
        }
    }

    private Evaluation() {
    }

    /** Runs {@code runs} simulations with seeds {@code firstSeed..}, config from {@code base} (seed replaced). */
    public static Score run(SimConfig base, AnalysisOptions options, long firstSeed, int runs) {
        long started = System.nanoTime();
        int[] c = new int[18];
        double[] ohms = {Double.POSITIVE_INFINITY, 0};
        for (int s = 0; s < runs; s++) {
            SimConfig cfg = new SimConfig(base.transformers(), base.radialsPerTransformer(), base.minCustomers(),
                    base.maxCustomers(), base.days(), firstSeed + s, base.startDate(), base.zone(), base.intervalS(),
                    base.samplesPerInterval(), base.threePhaseShare(), base.pvShare(), base.lineVoltageShare(),
                    base.wrongTransformer(), base.wrongOrderSwaps(), base.highImpedanceFault(), base.gapShare());
            SimResult sim = FeederSimulator.run(cfg);
            AnalysisResult result = GridAnalysis.run(sim.meters(), sim.recordedTopology(), options);
            int foundBefore = c[8];
            score(sim.truth(), result, c);
            if (sim.truth().highImpedanceFault() != null) {
                double ohm = sim.truth().highImpedanceFault().extraROhm();
                if (c[8] > foundBefore) {
                    ohms[0] = Math.min(ohms[0], ohm);
                } else {
                    ohms[1] = Math.max(ohms[1], ohm);
                }
            }
            c[11] += sim.meters().size();
            c[12] += sim.recordedTopology().radials().size();
            int hi = result.highestVoltageHour();
            int lo = result.lowestVoltageHour();
            c[13] += hi <= 5 || hi >= 22 ? 1 : 0;
            c[14] += (lo >= 6 && lo <= 9) || (lo >= 16 && lo <= 21) ? 1 : 0;
        }
        return new Score(runs, c[0], c[1], c[2], c[3], c[4], c[5], c[15], c[16], c[6], c[7], c[8], c[9], c[10], c[11],
                c[12], c[13], c[14], ohms[0], ohms[1], (System.nanoTime() - started) / 1e9);
    }

    static void score(GroundTruth truth, AnalysisResult result, int[] c) {
        Set<String> wrongMeters = new HashSet<>();
        truth.wrongTransformer().forEach(w -> wrongMeters.add(w.meterId()));
        Set<String> swapped = new HashSet<>();
        truth.wrongOrder().forEach(w -> {
            swapped.add(w.meterA());
            swapped.add(w.meterB());
        });
        Set<String> flaggedWrong = new HashSet<>();
        Set<String> flaggedOrder = new HashSet<>();
        for (TopologyFinding f : result.topologyFindings()) {
            switch (f) {
                case TopologyFinding.WrongTransformer w -> flaggedWrong.add(w.meterId());
                case TopologyFinding.OutOfOrder o -> flaggedOrder.add(o.meterId());
                case TopologyFinding.NotCheckable n -> { }
            }
        }
        c[0] += wrongMeters.size();
        c[1] += (int) wrongMeters.stream().filter(flaggedWrong::contains).count();
        c[2] += (int) flaggedWrong.stream().filter(m -> !wrongMeters.contains(m)).count();
        c[3] += truth.wrongOrder().size();
        Set<String> threePhase = new HashSet<>();
        truth.meters().stream().filter(GroundTruth.TrueMeter::threePhase).forEach(m -> threePhase.add(m.meterId()));
        for (GroundTruth.WrongOrder w : truth.wrongOrder()) {
            boolean a = flaggedOrder.contains(w.meterA());
            boolean b = flaggedOrder.contains(w.meterB());
            c[4] += a && b ? 1 : 0;
            c[5] += a || b ? 1 : 0;
            if (threePhase.contains(w.meterA()) && threePhase.contains(w.meterB())) {
                c[15]++;
                c[16] += a && b ? 1 : 0;
            }
        }
        c[6] += (int) flaggedOrder.stream().filter(m -> !swapped.contains(m) && !wrongMeters.contains(m)).count();

        GroundTruth.HighImpedanceFault fault = truth.highImpedanceFault();
        Set<String> downstream = fault == null ? Set.of() : new HashSet<>(fault.downstreamMeters());
        if (fault != null) {
            c[7]++;
            boolean found = result.suspicions().stream().map(FaultSuspicion::firstMeter).anyMatch(downstream::contains);
            c[8] += found ? 1 : 0;
        }
        for (FaultSuspicion s : result.suspicions()) {
            if (!downstream.contains(s.firstMeter())) {
                c[9]++;
            }
        }
        for (MeterUnbalance u : result.unbalance().values()) {
            if (u.hasAlarm() && !downstream.contains(u.meterId())) {
                c[10]++;
            }
        }
    }
}
