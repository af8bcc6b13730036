package io.amsgrid.analysis;

import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Correlation;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.FaultSuspicion;
import io.amsgrid.analysis.unbalance.MeterUnbalance;

import java.util.List;
import java.util.Map;

/**
 * Everything the analysis found, for the report and {@code findings.json}.
 *
 * @param rawCorrelation         Pearson of the mean voltages (as the thesis's fig. 6.5), [i][j] over meters
 * @param fluctuationCorrelation Pearson of the detrended voltages (daily shape removed), used for clusters
 * @param clusters               meter ids of meters that move together, largest first
 * @param hourlyDeviationV       over all meters, mean voltage per local hour minus each meter's mean
 */
public record AnalysisResult(AnalysisOptions options, List<MeterSeries> meters, AlignedData data, long intervalS,
                             List<Coverage> coverage, List<DailyVoltage> dailyVoltage, double[] hourlyDeviationV,
                             Correlation[][] rawCorrelation, Correlation[][] fluctuationCorrelation,
                             List<List<String>> clusters, Map<String, MeterUnbalance> unbalance,
                             List<FaultSuspicion> suspicions, List<TopologyFinding> topologyFindings,
                             Topology topology, Map<String, Integer> csvProblems, List<String> csvProblemMessages) {

    /** Local hour (0-23) with the highest mean voltage over all meters. */
    public int highestVoltageHour() {
        int best = 0;
        for (int h = 1; h < 24; h++) {
            if (hourlyDeviationV[h] > hourlyDeviationV[best]) {
                best = h;
            }
        }
        return best;
    }

    /** Local hour (0-23) with the lowest mean voltage over all meters. */
    public int lowestVoltageHour() {
        int best = 0;
        for (int h = 1; h < 24; h++) {
            if (hourlyDeviationV[h] < hourlyDeviationV[best]) {
                best = h;
            }
        }
        return best;
    }

    public MeterSeries meter(String meterId) {
        return meters.stream().filter(m -> m.meterId().equals(meterId)).findFirst().orElseThrow();
    }
}
