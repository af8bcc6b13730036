package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.csv.AmsCsvReader;
import io.amsgrid.analysis.csv.CsvLoad;
import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One simulated week written as CSV and analysed from the files, as a user would. */
class FeederSimulatorTest {

    @TempDir
    static Path dir;
    static SimResult sim;
    static AnalysisResult result;

    @BeforeAll
    static void simulateAndAnalyse() throws IOException {
        sim = FeederSimulator.run(SimConfig.defaults(7).withDays(4));
        sim.write(dir);
        CsvLoad load = AmsCsvReader.read(dir, null, null);
        result = GridAnalysis.run(load, Topology.read(dir.resolve("topology.csv")), AnalysisOptions.defaults());
    }

    @Test
    void write_csvTopologyAndTruth_inTheContractLayout() throws IOException {
        String meter = sim.meters().get(0).meterId();
        assertThat(dir.resolve("csv").resolve(meter).resolve("avg").resolve("2026-04-27.csv")).exists();
        assertThat(dir.resolve("truth.json")).content().contains("highImpedanceFault", "wrongTransformer", "rOhm");
        assertThat(Files.readAllLines(dir.resolve("topology.csv")).get(0)).isEqualTo("transformer,feeder,position,meter,voltages");
        MeterSeries single = sim.meters().stream().filter(m -> !m.isThreePhase()).findFirst().orElseThrow();
        String header = Files.readAllLines(dir.resolve("csv").resolve(single.meterId()).resolve("avg").resolve("2026-04-28.csv")).get(0);
        assertThat(header).contains("voltageL1V_avg").doesNotContain("voltageL2V").endsWith(",samples");
        assertThat(Files.readAllLines(dir.resolve("csv").resolve(single.meterId()).resolve("avg").resolve("2026-04-28.csv")))
                .hasSizeLessThanOrEqualTo(1441);
    }

    @Test
    void csvRoundTrip_readsWhatTheSimulatorProduced() {
        MeterSeries original = sim.meters().get(3);
        MeterSeries read = result.meter(original.meterId());
        assertThat(read.timestampS()).containsExactly(original.timestampS());
        double[] a = original.avg(Measurement.VOLTAGE_L1_V);
        double[] b = read.avg(Measurement.VOLTAGE_L1_V);
        for (int i = 0; i < a.length; i += 97) {
            assertThat(b[i]).isEqualTo(Math.round(a[i] * 1000) / 1000.0);
        }
    }

    @Test
    void thesisFindings_voltageHighAtNightLowInPeaks() {
        // thesis ch. 7.2: higher voltage at night, lower in the morning and afternoon/evening
        assertThat(result.highestVoltageHour()).isBetween(0, 5);
        assertThat(result.lowestVoltageHour()).satisfiesAnyOf(h -> assertThat(h).isBetween(6, 9),
                h -> assertThat(h).isBetween(16, 21));
        double[] dev = result.hourlyDeviationV();
        assertThat(dev[3]).isGreaterThan(dev[8]).isGreaterThan(dev[18]);
    }

    @Test
    void thesisFindings_strongCorrelationOnOneTransformer() {
        Map<String, List<String>> groups = sim.trueTopology().transformers();
        List<String> ids = result.data().meterIds();
        List<Double> same = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        for (var a : groups.entrySet()) {
            for (String m : a.getValue()) {
                for (var b : groups.entrySet()) {
                    for (String n : b.getValue()) {
                        if (m.compareTo(n) < 0) {
                            double r = result.rawCorrelation()[ids.indexOf(m)][ids.indexOf(n)].r();
                            (a.getKey().equals(b.getKey()) ? same : other).add(r);
                        }
                    }
                }
            }
        }
        double meanSame = same.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanOther = other.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(meanSame).isGreaterThan(0.7).isGreaterThan(meanOther);
        // every cluster of fluctuations lies on one transformer (meters behind the fault may split off)
        assertThat(result.clusters()).hasSizeBetween(groups.size(), groups.size() + 1);
        for (List<String> cluster : result.clusters()) {
            assertThat(groups.values()).anyMatch(g -> g.containsAll(cluster));
        }
    }

    @Test
    void analysis_findsTheInjectedErrors() {
        GroundTruth truth = sim.truth();
        List<String> wrong = result.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.WrongTransformer)
                .map(TopologyFinding::meterId).toList();
        assertThat(wrong).containsExactlyElementsOf(truth.wrongTransformer().stream().map(GroundTruth.WrongTransformer::meterId).toList());
        TopologyFinding.WrongTransformer w = (TopologyFinding.WrongTransformer) result.topologyFindings().stream()
                .filter(f -> f instanceof TopologyFinding.WrongTransformer).findFirst().orElseThrow();
        assertThat(w.likelyTransformer()).isEqualTo(truth.wrongTransformer().get(0).trueTransformer());
        assertThat(result.suspicions()).hasSize(1);
        assertThat(truth.highImpedanceFault().downstreamThreePhaseMeters()).contains(result.suspicions().get(0).firstMeter());
        assertThat(result.coverage()).anyMatch(c -> !c.gaps().isEmpty());
    }
}
