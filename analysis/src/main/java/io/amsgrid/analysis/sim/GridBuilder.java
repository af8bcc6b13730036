package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.sim.GroundTruth.HighImpedanceFault;
import io.amsgrid.analysis.sim.GroundTruth.TrueMeter;
import io.amsgrid.analysis.sim.GroundTruth.TrueSegment;
import io.amsgrid.analysis.sim.GroundTruth.WrongOrder;
import io.amsgrid.analysis.sim.GroundTruth.WrongTransformer;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyEntry;
import io.amsgrid.analysis.unbalance.VoltageKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a random network (cable data of typical Norwegian LV radials: Al 95 mm² main cable,
 * R 0.32 / X 0.08 ohm/km, 25-70 m between customers; Cu 16 mm² service cables, 10-30 m;
 * 200 kVA transformers, about 4 % impedance), then the topology file with the injected errors.
 */
final class GridBuilder {

    static final String[] PHASES = {"L1", "L2", "L3"};

    record Built(List<Grid.Transformer> transformers, Topology recorded, Topology truthTopology, GroundTruth truth) {
    }

    private GridBuilder() {
    }

    static Built build(SimConfig cfg, SplittableRandom rng) {
        int total = cfg.transformers() * cfg.radialsPerTransformer() * cfg.maxCustomers();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            numbers.add(1000 + i * 7 + rng.nextInt(7));
        }
        java.util.Collections.shuffle(numbers, new java.util.Random(rng.nextLong()));
        int nextId = 0;

        // the fault: a radial and the first downstream position
        int faultT = rng.nextInt(cfg.transformers());
        int faultRadial = rng.nextInt(cfg.radialsPerTransformer());
        List<Grid.Transformer> transformers = new ArrayList<>();
        List<TrueMeter> meters = new ArrayList<>();
        List<TrueSegment> segments = new ArrayList<>();
        HighImpedanceFault fault = null;
        for (int t = 0; t < cfg.transformers(); t++) {
            String tid = "T" + (t + 1);
            VoltageKind kind = rng.nextDouble() < cfg.lineVoltageShare() ? VoltageKind.LINE_TO_LINE : VoltageKind.PHASE_TO_NEUTRAL;
            List<Grid.Radial> radials = new ArrayList<>();
            for (int r = 0; r < cfg.radialsPerTransformer(); r++) {
                String rid = "R" + (r + 1);
                int n = cfg.minCustomers() + rng.nextInt(cfg.maxCustomers() - cfg.minCustomers() + 1);
                double[] rs = new double[n];
                double[] xs = new double[n];
                List<Grid.Customer> customers = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    double lengthKm = (k == 0 ? 0.04 + 0.08 * rng.nextDouble() : 0.025 + 0.045 * rng.nextDouble());
                    rs[k] = 0.32 * lengthKm;
                    xs[k] = 0.08 * lengthKm;
                    double serviceKm = 0.01 + 0.02 * rng.nextDouble();
                    boolean three = rng.nextDouble() < cfg.threePhaseShare();
                    int phase = rng.nextInt(3);
                    double pv = rng.nextDouble() < cfg.pvShare() ? 3 + 5 * rng.nextDouble() : 0;
                    // single-phase connections are the smaller customers (flats, small houses)
                    double base = three ? 0.8 + 1.2 * rng.nextDouble() : 0.5 + 0.7 * rng.nextDouble();
                    String meterId = "ams-" + numbers.get(nextId++);
                    customers.add(new Grid.Customer(meterId, three, phase, 1.15 * serviceKm, 0.08 * serviceKm, base, pv));
                    segments.add(new TrueSegment(tid, rid, k + 1, rs[k], xs[k]));
                }
                int faultSegment = -1;
                int faultPhase = -1;
                double faultR = 0;
                if (cfg.highImpedanceFault() && t == faultT && r == faultRadial) {
                    faultSegment = rng.nextInt(Math.max(1, n - 1));
                    faultPhase = rng.nextInt(3);
                    faultR = 0.3 + 1.7 * rng.nextDouble();
                    boolean anyThree = customers.subList(faultSegment, n).stream().anyMatch(Grid.Customer::threePhase);
                    if (!anyThree) {
                        Grid.Customer c = customers.get(n - 1);
                        customers.set(n - 1, new Grid.Customer(c.meterId(), true, c.phase(), c.serviceROhm(),
                                c.serviceXOhm(), c.baseLoadKw(), c.pvPeakKw()));
                    }
                    List<String> down = customers.subList(faultSegment, n).stream().map(Grid.Customer::meterId).toList();
                    List<String> downThree = customers.subList(faultSegment, n).stream()
                            .filter(Grid.Customer::threePhase).map(Grid.Customer::meterId).toList();
                    fault = new HighImpedanceFault(tid, rid, faultSegment + 1, PHASES[faultPhase], faultR, down, downThree);
                }
                for (int k = 0; k < n; k++) {
                    Grid.Customer c = customers.get(k);
                    meters.add(new TrueMeter(c.meterId(), tid, rid, k + 1, c.threePhase(),
                            c.threePhase() ? "L1L2L3" : PHASES[c.phase()], c.pvPeakKw(), c.baseLoadKw(),
                            kind == VoltageKind.LINE_TO_LINE ? "line" : "phase", c.serviceROhm(), c.serviceXOhm()));
                }
                radials.add(new Grid.Radial(rid, rs, xs, customers, faultSegment, faultPhase, faultR));
            }
            double noLoad = 230 * (1.02 + 0.02 * rng.nextDouble());
            transformers.add(new Grid.Transformer(tid, kind, noLoad, 0.01 * (0.8 + 0.4 * rng.nextDouble()),
                    0.03 * (0.8 + 0.4 * rng.nextDouble()), radials));
        }

        // the true topology, as ordered lists per radial
        Map<String, List<TopologyEntry>> radials = new LinkedHashMap<>();
        for (Grid.Transformer t : transformers) {
            for (Grid.Radial r : t.radials()) {
                List<TopologyEntry> list = new ArrayList<>();
                for (int k = 0; k < r.customers().size(); k++) {
                    list.add(new TopologyEntry(t.id(), r.id(), k + 1, r.customers().get(k).meterId(), t.meterVoltages()));
                }
                radials.put(t.id() + "/" + r.id(), list);
            }
        }
        Topology truthTopology = new Topology(radials.values().stream().flatMap(List::stream).toList());

        // the recorded topology: swaps within a radial, then meters moved to another transformer
        List<String> used = new ArrayList<>();
        List<WrongOrder> swaps = new ArrayList<>();
        List<String> keys = new ArrayList<>(radials.keySet());
        for (int s = 0; s < cfg.wrongOrderSwaps(); s++) {
            String key = keys.get(rng.nextInt(keys.size()));
            List<TopologyEntry> list = radials.get(key);
            int i = rng.nextInt(list.size() - 1);
            int j = Math.min(list.size() - 1, i + 1 + rng.nextInt(3));
            TopologyEntry a = list.get(i);
            TopologyEntry b = list.get(j);
            if (used.contains(a.meterId()) || used.contains(b.meterId())) {
                continue;
            }
            list.set(i, b);
            list.set(j, a);
            used.add(a.meterId());
            used.add(b.meterId());
            swaps.add(new WrongOrder(key, a.meterId(), b.meterId(), a.position(), b.position()));
        }
        List<WrongTransformer> moved = new ArrayList<>();
        for (int w = 0; w < cfg.wrongTransformer(); w++) {
            String fromKey = keys.get(rng.nextInt(keys.size()));
            List<TopologyEntry> from = radials.get(fromKey);
            TopologyEntry e = from.get(rng.nextInt(from.size()));
            if (used.contains(e.meterId()) || from.size() <= 2) {
                continue;
            }
            List<String> others = keys.stream().filter(k -> !k.startsWith(e.transformer() + "/")).toList();
            String toKey = others.get(rng.nextInt(others.size()));
            List<TopologyEntry> to = radials.get(toKey);
            from.remove(e);
            to.add(rng.nextInt(to.size() + 1), e);
            used.add(e.meterId());
            moved.add(new WrongTransformer(e.meterId(), e.transformer(), toKey.substring(0, toKey.indexOf('/'))));
        }
        List<TopologyEntry> recorded = new ArrayList<>();
        for (var entry : radials.entrySet()) {
            String[] tf = entry.getKey().split("/");
            List<TopologyEntry> list = entry.getValue();
            for (int k = 0; k < list.size(); k++) {
                recorded.add(new TopologyEntry(tf[0], tf[1], k + 1, list.get(k).meterId(), list.get(k).voltages()));
            }
        }
        GroundTruth truth = new GroundTruth(cfg.seed(), meters, segments, fault, moved, swaps);
        return new Built(transformers, new Topology(recorded), truthTopology, truth);
    }
}
