package io.amsgrid.analysis.sim;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What to simulate. Defaults: late April in Norway (the thesis's data period), 1-minute windows of
 * six 10-second HAN readings, TN grid.
 *
 * @param transformers         secondary substations, each on its own MV feeder
 * @param radialsPerTransformer LV radials out of each transformer
 * @param minCustomers         customers per radial, at least
 * @param maxCustomers         customers per radial, at most
 * @param days                 days to simulate from {@code startDate} (local midnight)
 * @param seed                 random seed (same seed = same output)
 * @param threePhaseShare      fraction of customers with three-phase meters
 * @param pvShare              fraction of customers with rooftop PV (prosumers)
 * @param lineVoltageShare     fraction of transformers whose meters report line-to-line voltages (IT grid)
 * @param wrongTransformer     customers recorded on the wrong transformer in the topology file
 * @param wrongOrderSwaps      pairs of customers swapped in order within a recorded radial
 * @param highImpedanceFault   whether one radial gets a high-resistance joint on one phase
 * @param gapShare             fraction of meters that lose data for an hour or two once a day
 */
public record SimConfig(int transformers, int radialsPerTransformer, int minCustomers, int maxCustomers, int days,
                        long seed, LocalDate startDate, ZoneId zone, int intervalS, int samplesPerInterval,
                        double threePhaseShare, double pvShare, double lineVoltageShare, int wrongTransformer,
                        int wrongOrderSwaps, boolean highImpedanceFault, double gapShare) {

    public SimConfig {
        if (transformers < 1 || radialsPerTransformer < 1 || minCustomers < 2 || maxCustomers < minCustomers || days < 1) {
            throw new IllegalArgumentException("need >= 1 transformer, >= 1 radial, >= 2 customers per radial, >= 1 day");
        }
        if (wrongTransformer > 0 && transformers < 2) {
            throw new IllegalArgumentException("a wrong-transformer error needs at least 2 transformers");
        }
    }

    public static SimConfig defaults(long seed) {
        return new SimConfig(3, 2, 4, 7, 7, seed, LocalDate.of(2026, 4, 27), ZoneId.of("Europe/Oslo"), 60, 6,
                0.5, 0.3, 0.0, 1, 1, true, 0.2);
    }

    public SimConfig withDays(int d) {
        return new SimConfig(transformers, radialsPerTransformer, minCustomers, maxCustomers, d, seed, startDate, zone,
                intervalS, samplesPerInterval, threePhaseShare, pvShare, lineVoltageShare, wrongTransformer,
                wrongOrderSwaps, highImpedanceFault, gapShare);
    }

    /** HAN readings per window (6 = every 10 s in 1-minute windows). */
    public SimConfig withSamplesPerInterval(int n) {
        return new SimConfig(transformers, radialsPerTransformer, minCustomers, maxCustomers, days, seed, startDate, zone,
                intervalS, n, threePhaseShare, pvShare, lineVoltageShare, wrongTransformer, wrongOrderSwaps,
                highImpedanceFault, gapShare);
    }

    public SimConfig withTransformers(int t) {
        return new SimConfig(t, radialsPerTransformer, minCustomers, maxCustomers, days, seed, startDate, zone,
                intervalS, samplesPerInterval, threePhaseShare, pvShare, lineVoltageShare, wrongTransformer,
                wrongOrderSwaps, highImpedanceFault, gapShare);
    }

    public SimConfig withFaults(int wrongTransformerCount, int swaps, boolean fault) {
        return new SimConfig(transformers, radialsPerTransformer, minCustomers, maxCustomers, days, seed, startDate,
                zone, intervalS, samplesPerInterval, threePhaseShare, pvShare, lineVoltageShare, wrongTransformerCount,
                swaps, fault, gapShare);
    }

    public SimConfig withLineVoltageShare(double share) {
        return new SimConfig(transformers, radialsPerTransformer, minCustomers, maxCustomers, days, seed, startDate,
                zone, intervalS, samplesPerInterval, threePhaseShare, pvShare, share, wrongTransformer,
                wrongOrderSwaps, highImpedanceFault, gapShare);
    }

    public SimConfig withPvShare(double share) {
        return new SimConfig(transformers, radialsPerTransformer, minCustomers, maxCustomers, days, seed, startDate,
                zone, intervalS, samplesPerInterval, threePhaseShare, share, lineVoltageShare, wrongTransformer,
                wrongOrderSwaps, highImpedanceFault, gapShare);
    }
}
