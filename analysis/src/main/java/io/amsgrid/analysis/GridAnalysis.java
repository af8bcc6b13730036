package io.amsgrid.analysis;

import io.amsgrid.analysis.csv.CsvLoad;
import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Clustering;
import io.amsgrid.analysis.stats.Correlation;
import io.amsgrid.analysis.topology.CorrelationCheck;
import io.amsgrid.analysis.topology.OrderingCheck;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.FaultSuspicion;
import io.amsgrid.analysis.unbalance.MeterUnbalance;
import io.amsgrid.analysis.unbalance.UnbalanceAnalysis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Runs every analysis over a set of meters (and optionally the grid operator's topology). */
public final class GridAnalysis {

    private GridAnalysis() {
    }

    public static AnalysisResult run(CsvLoad load, Topology topology, AnalysisOptions options) {
        return run(load.meters(), topology, options, load.problems(), load.problemMessages(), load.powerFailEvents());
    }

    public static AnalysisResult run(List<MeterSeries> meters, Topology topology, AnalysisOptions options) {
        return run(meters, topology, options, Map.of(), List.of(), Map.of());
    }

    private static AnalysisResult run(List<MeterSeries> meters, Topology topology, AnalysisOptions options,
                                      Map<?, Integer> problems, List<String> problemMessages,
                                      Map<String, Integer> powerFails) {
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("no meter data to analyse (no avg rows in the selected dates)");
        }
        long intervalS = Coverage.intervalS(meters);
        AlignedData data = new AlignedData(meters, options.detrendSpanMinutes());
        long[] timeline = data.timeline();
        List<Coverage> coverage = meters.stream().map(m -> Coverage.of(m, timeline[0], timeline[timeline.length - 1],
                intervalS, powerFails.getOrDefault(m.meterId(), 0))).toList();

        int n = meters.size();
        Correlation[][] raw = new Correlation[n][n];
        Correlation[][] fluct = new Correlation[n][n];
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                raw[i][j] = raw[j][i] = Correlation.pearson(data.voltage(i), data.voltage(j));
                fluct[i][j] = fluct[j][i] = Correlation.pearson(data.fluctuation(i), data.fluctuation(j));
                r[i][j] = r[j][i] = fluct[i][j].r();
            }
        }
        List<List<String>> clusters = Clustering.averageLinkage(r, options.clusterMaxDistance()).stream()
                .map(c -> c.stream().map(i -> meters.get(i).meterId()).toList()).toList();

        Map<String, MeterUnbalance> unbalance = UnbalanceAnalysis.perMeter(meters, topology, options.defaultVoltages(),
                options.unbalanceThresholdPercent(), options.unbalanceMinMinutes(), intervalS);
        List<FaultSuspicion> suspicions = topology == null ? List.of() : UnbalanceAnalysis.suspicions(topology, unbalance,
                options.faultThresholdPercent(), options.unbalanceMinMinutes(), options.faultMinMinutesPerDay(),
                intervalS);

        List<TopologyFinding> findings = new ArrayList<>();
        if (topology != null) {
            List<TopologyFinding.WrongTransformer> wrong = CorrelationCheck.run(topology, data, options.correlationMargin());
            findings.addAll(wrong);
            Set<String> skip = new HashSet<>();
            wrong.forEach(w -> skip.add(w.meterId()));
            Map<String, double[]> unbalanceOnTimeline = new java.util.HashMap<>();
            unbalance.forEach((id, u) -> unbalanceOnTimeline.put(id, data.onTimeline(id, u.timestampS(), u.percent())));
            findings.addAll(OrderingCheck.run(topology, data, skip, unbalanceOnTimeline,
                    options.unbalanceThresholdPercent(), options.orderToleranceV(),
                    options.orderMinFraction(), options.lowLoadQuantile(), options.detrendSpanMinutes()));
        }
        Map<String, Integer> problemCounts = new TreeMap<>();
        problems.forEach((k, v) -> problemCounts.put(k.toString(), v));
        return new AnalysisResult(options, meters, data, intervalS, coverage, dailyVoltage(meters, options),
                hourlyDeviation(data, options), raw, fluct, clusters, unbalance, suspicions, findings, topology,
                problemCounts, problemMessages);
    }

    private static List<DailyVoltage> dailyVoltage(List<MeterSeries> meters, AnalysisOptions options) {
        List<DailyVoltage> out = new ArrayList<>();
        for (MeterSeries m : meters) {
            double[] v = m.meanVoltageV();
            LocalDate day = null;
            double min = 0;
            double max = 0;
            double sum = 0;
            int count = 0;
            long minAt = 0;
            long maxAt = 0;
            for (int i = 0; i <= m.size(); i++) {
                LocalDate d = i < m.size() ? Instant.ofEpochSecond(m.timestampS()[i]).atZone(options.zone()).toLocalDate() : null;
                if (day != null && !day.equals(d)) {
                    if (count > 0) {
                        out.add(new DailyVoltage(m.meterId(), day, min, minAt, max, maxAt, sum / count));
                    }
                    count = 0;
                }
                if (d == null) {
                    break;
                }
                day = d;
                if (Double.isNaN(v[i])) {
                    continue;
                }
                if (count == 0 || v[i] < min) {
                    min = v[i];
                    minAt = m.timestampS()[i];
                }
                if (count == 0 || v[i] > max) {
                    max = v[i];
                    maxAt = m.timestampS()[i];
                }
                if (count == 0) {
                    sum = 0;
                }
                sum += v[i];
                count++;
            }
        }
        return out;
    }

    private static double[] hourlyDeviation(AlignedData data, AnalysisOptions options) {
        double[] sum = new double[24];
        int[] n = new int[24];
        for (int m = 0; m < data.meterIds().size(); m++) {
            double[] v = data.voltage(m);
            double mean = io.amsgrid.analysis.stats.Series.mean(v);
            double[] byHour = data.byHourOfDay(v, options.zone());
            for (int h = 0; h < 24; h++) {
                if (!Double.isNaN(byHour[h])) {
                    sum[h] += byHour[h] - mean;
                    n[h]++;
                }
            }
        }
        double[] out = new double[24];
        for (int h = 0; h < 24; h++) {
            out[h] = n[h] == 0 ? Double.NaN : sum[h] / n[h];
        }
        return out;
    }
}
