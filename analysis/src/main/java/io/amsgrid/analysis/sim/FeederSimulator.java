package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.csv.MeterSeriesBuilder;
import io.amsgrid.analysis.unbalance.VoltageKind;
import io.amsgrid.codec.meter.Measurement;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates radial LV feeders minute by minute and produces what amsgrid would store: per meter,
 * per window, avg/min/max of the HAN readings (every 10 s by default) with HAN resolution (1 V on
 * single-phase meters, 0.1 V on three-phase, 0.01 A, 1 W).
 *
 * <p>Upstream of each transformer, the MV voltage moves with a regional part shared by all
 * transformers (the regional load's daily shape plus slow random variation) and a part of each
 * transformer's own MV feeder (random, minutes to tens of minutes). The second part, and each
 * transformer's own load through its impedance, is what makes meters on one transformer move
 * together more than meters on different ones.
 */
public final class FeederSimulator {

    private FeederSimulator() {
    }

    public static SimResult run(SimConfig cfg) {
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        GridBuilder.Built built = GridBuilder.build(cfg, rng.split());
        List<Grid.Transformer> transformers = built.transformers();
        int stepS = cfg.intervalS() / cfg.samplesPerInterval();
        long start = cfg.startDate().atStartOfDay(cfg.zone()).toEpochSecond();
        int windows = (int) ((cfg.startDate().plusDays(cfg.days()).atStartOfDay(cfg.zone()).toEpochSecond() - start)
                / cfg.intervalS());

        List<Grid.Customer> all = new ArrayList<>();
        List<PowerFlow> flows = new ArrayList<>();
        List<CustomerLoad> loads = new ArrayList<>();
        for (Grid.Transformer t : transformers) {
            flows.add(new PowerFlow(t));
            for (Grid.Radial r : t.radials()) {
                for (Grid.Customer c : r.customers()) {
                    all.add(c);
                    loads.add(new CustomerLoad(c, rng.split()));
                }
            }
        }
        int nc = all.size();
        boolean[][] gap = gaps(cfg, nc, windows, rng.split());
        List<MeterSeriesBuilder> builders = new ArrayList<>();
        for (Grid.Customer c : all) {
            MeterSeriesBuilder b = new MeterSeriesBuilder(c.meterId());
            (c.threePhase() ? MeterSeries.THREE_PHASE : MeterSeries.SINGLE_PHASE).forEach(b::addColumn);
            builders.add(b);
        }
        List<Measurement> quantities = MeterSeries.THREE_PHASE;
        double[][] sum = new double[nc][quantities.size()];
        double[][] min = new double[nc][quantities.size()];
        double[][] max = new double[nc][quantities.size()];
        double[][] pW = new double[nc][3];
        double[][] qVar = new double[nc][3];
        double[] reading = new double[quantities.size()];
        List<double[][]> pwSlices = new ArrayList<>();
        List<double[][]> qSlices = new ArrayList<>();
        int offset = 0;
        for (PowerFlow f : flows) {
            pwSlices.add(slice(pW, offset, f.customers()));
            qSlices.add(slice(qVar, offset, f.customers()));
            offset += f.customers();
        }
        double regional = 0;
        double[] own = new double[transformers.size()];
        int lastDay = -1;

        for (int w = 0; w < windows; w++) {
            long windowStart = start + (long) w * cfg.intervalS();
            ZonedDateTime local = Instant.ofEpochSecond(windowStart).atZone(cfg.zone());
            if (local.getDayOfYear() != lastDay) {
                loads.forEach(CustomerLoad::newDay);
                lastDay = local.getDayOfYear();
            }
            for (int c = 0; c < nc; c++) {
                java.util.Arrays.fill(sum[c], 0);
                java.util.Arrays.fill(min[c], Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(max[c], Double.NEGATIVE_INFINITY);
            }
            for (int s = 0; s < cfg.samplesPerInterval(); s++) {
                double hour = local.getHour() + local.getMinute() / 60.0 + (local.getSecond() + s * stepS) / 3600.0;
                regional = ou(regional, stepS, 1800, 0.003, rng);
                for (int c = 0; c < nc; c++) {
                    loads.get(c).step(hour, stepS, pW[c], qVar[c]);
                }
                int first = 0;
                for (int t = 0; t < transformers.size(); t++) {
                    Grid.Transformer tr = transformers.get(t);
                    own[t] = ou(own[t], stepS, 600, 0.004, rng);
                    double source = tr.noLoadV() * (1 + regional + own[t] - 0.012 * (CustomerLoad.activity(hour) - 1));
                    PowerFlow flow = flows.get(t);
                    int count = flow.customers();
                    flow.solve(source, pwSlices.get(t), qSlices.get(t));
                    for (int k = 0; k < count; k++) {
                        int c = first + k;
                        read(all.get(c), tr.meterVoltages(), flow, k, pW[c], qVar[c], reading);
                        for (int q = 0; q < reading.length; q++) {
                            sum[c][q] += reading[q];
                            min[c][q] = Math.min(min[c][q], reading[q]);
                            max[c][q] = Math.max(max[c][q], reading[q]);
                        }
                    }
                    first += count;
                }
            }
            for (int c = 0; c < nc; c++) {
                if (gap[c][w]) {
                    continue;
                }
                double[] row = MeterSeriesBuilder.emptyRow();
                for (int q = 0; q < quantities.size(); q++) {
                    Measurement m = quantities.get(q);
                    MeterSeriesBuilder.set(row, m, 0, Math.round(sum[c][q] / cfg.samplesPerInterval() * 1000) / 1000.0);
                    MeterSeriesBuilder.set(row, m, 1, min[c][q]);
                    MeterSeriesBuilder.set(row, m, 2, max[c][q]);
                }
                builders.get(c).add(windowStart, row, cfg.samplesPerInterval());
            }
        }
        List<MeterSeries> series = builders.stream().map(MeterSeriesBuilder::build).toList();
        return new SimResult(cfg, series, built.recorded(), built.truthTopology(), built.truth());
    }

    private static double[][] slice(double[][] a, int from, int count) {
        return java.util.Arrays.copyOfRange(a, from, from + count);
    }

    private static double ou(double x, double stepS, double tauS, double sd, SplittableRandom rng) {
        double a = stepS / tauS;
        return x - a * x + Math.sqrt(2 * a) * sd * rng.nextGaussian();
    }

    /** One HAN reading of a customer's meter, in {@link MeterSeries#THREE_PHASE} order. */
    private static void read(Grid.Customer c, VoltageKind kind, PowerFlow flow, int k, double[] pW, double[] qVar,
                             double[] out) {
        double p = pW[0] + pW[1] + pW[2];
        double q = qVar[0] + qVar[1] + qVar[2];
        out[0] = Math.round(Math.max(0, p));
        out[1] = Math.round(Math.max(0, -p));
        out[2] = Math.round(Math.max(0, q));
        out[3] = Math.round(Math.max(0, -q));
        double voltageStep = c.threePhase() ? 0.1 : 1.0;
        for (int i = 0; i < 3; i++) {
            int phase = c.threePhase() ? i : c.phase();
            double amps = Math.hypot(flow.iRe[k][phase], flow.iIm[k][phase]);
            double volts = switch (kind) {
                case PHASE_TO_NEUTRAL -> Math.hypot(flow.vRe[k][phase], flow.vIm[k][phase]);
                case LINE_TO_LINE -> Math.hypot(flow.pgRe[k][phase] - flow.pgRe[k][(phase + 1) % 3],
                        flow.pgIm[k][phase] - flow.pgIm[k][(phase + 1) % 3]) / Math.sqrt(3);
            };
            boolean present = c.threePhase() || i == 0;
            out[4 + i] = present ? Math.round(amps * 100) / 100.0 : Double.NaN;
            out[7 + i] = present ? Math.round(volts / voltageStep) * voltageStep : Double.NaN;
        }
    }

    /** Meters that lose their connection (like the thesis's meter 2): one 30-150 minute gap on most days. */
    private static boolean[][] gaps(SimConfig cfg, int meters, int windows, SplittableRandom rng) {
        boolean[][] gap = new boolean[meters][windows];
        int perDay = 86400 / cfg.intervalS();
        for (int c = 0; c < meters; c++) {
            if (rng.nextDouble() >= cfg.gapShare()) {
                continue;
            }
            for (int d = 0; d < cfg.days(); d++) {
                if (rng.nextDouble() < 0.7) {
                    int len = (30 + rng.nextInt(121)) * 60 / cfg.intervalS();
                    int from = d * perDay + rng.nextInt(Math.max(1, perDay - len));
                    for (int w = from; w < Math.min(windows, from + len); w++) {
                        gap[c][w] = true;
                    }
                }
            }
        }
        return gap;
    }
}
