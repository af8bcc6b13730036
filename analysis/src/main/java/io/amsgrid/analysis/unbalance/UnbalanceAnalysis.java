package io.amsgrid.analysis.unbalance;

import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Series;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyEntry;
import io.amsgrid.codec.meter.Measurement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unbalance per three-phase meter, sustained-unbalance alarms, and fault suspicions per radial. */
public final class UnbalanceAnalysis {

    private UnbalanceAnalysis() {
    }

    /** Computes every three-phase meter's factor and alarms; the kind comes from the topology or the default. */
    public static Map<String, MeterUnbalance> perMeter(List<MeterSeries> meters, Topology topology,
                                                       VoltageKind defaultKind, double thresholdPercent,
                                                       int minMinutes, long intervalS) {
        Map<String, MeterUnbalance> out = new LinkedHashMap<>();
        for (MeterSeries m : meters) {
            if (!m.isThreePhase()) {
                continue;
            }
            VoltageKind kind = topology == null ? defaultKind
                    : topology.entry(m.meterId()).map(TopologyEntry::voltages).orElse(defaultKind);
            double[] v1 = m.avg(Measurement.VOLTAGE_L1_V);
            double[] v2 = m.avg(Measurement.VOLTAGE_L2_V);
            double[] v3 = m.avg(Measurement.VOLTAGE_L3_V);
            double[] percent = new double[m.size()];
            for (int i = 0; i < percent.length; i++) {
                percent[i] = Unbalance.percent(kind, v1[i], v2[i], v3[i]);
            }
            List<UnbalanceEpisode> episodes = UnbalanceEpisode.detect(m.timestampS(), percent, thresholdPercent,
                    minMinutes * 60L, intervalS);
            double max = java.util.Arrays.stream(percent).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
            out.put(m.meterId(), new MeterUnbalance(m.meterId(), kind, m.timestampS(), percent,
                    Series.quantile(percent, 0.95), max, episodes));
        }
        return out;
    }

    /**
     * Per recorded radial: the most upstream three-phase meter with an alarm, and which downstream
     * three-phase meters share it. The fault level is far above the EN 50160 alarm: uneven load on a
     * healthy radial gives 1-5 % (the thesis's source [23] found 1-5 % away from the fault and
     * 50-99 % downstream of it), so a suspicion needs the factor above {@code faultPercent} in runs
     * of at least {@code minRunMinutes}, for {@code minMinutesPerDay} per day of the meter's data
     * on average (a fault unbalances every loaded hour; one appliance only minutes). Every meter downstream
     * whose own alarms overlap the first one's shares it.
     */
    public static List<FaultSuspicion> suspicions(Topology topology, Map<String, MeterUnbalance> unbalance,
                                                  double faultPercent, int minRunMinutes, int minMinutesPerDay,
                                                  long intervalS) {
        List<FaultSuspicion> out = new ArrayList<>();
        for (var radial : topology.radials().entrySet()) {
            List<TopologyEntry> three = radial.getValue().stream().filter(e -> unbalance.containsKey(e.meterId())).toList();
            for (int i = 0; i < three.size(); i++) {
                MeterUnbalance first = unbalance.get(three.get(i).meterId());
                List<UnbalanceEpisode> severe = UnbalanceEpisode.detect(first.timestampS(), first.percent(),
                        faultPercent, minRunMinutes * 60L, intervalS);
                long severeMinutes = severe.stream().mapToLong(UnbalanceEpisode::durationS).sum() / 60;
                double days = Math.max(1, first.timestampS().length * (double) intervalS / 86400);
                if (severeMinutes < minMinutesPerDay * days) {
                    continue;
                }
                List<String> sharing = new ArrayList<>();
                List<String> quiet = new ArrayList<>();
                double max = first.maxPercent();
                for (TopologyEntry down : three.subList(i + 1, three.size())) {
                    MeterUnbalance u = unbalance.get(down.meterId());
                    if (u.overlaps(first)) {
                        sharing.add(down.meterId());
                        max = Math.max(max, u.maxPercent());
                    } else {
                        quiet.add(down.meterId());
                    }
                }
                String after = i == 0 ? "" : three.get(i - 1).meterId();
                out.add(new FaultSuspicion(radial.getKey(), first.meterId(), three.get(i).position(), after, sharing,
                        quiet, max, severeMinutes));
                break;
            }
        }
        return out;
    }
}
