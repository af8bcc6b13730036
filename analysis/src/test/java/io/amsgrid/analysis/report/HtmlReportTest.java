package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.sim.FeederSimulator;
import io.amsgrid.analysis.sim.SimConfig;
import io.amsgrid.analysis.sim.SimResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void write_simulatedNetwork_htmlWithChartsAndFindingsJson() throws IOException {
        SimResult sim = FeederSimulator.run(SimConfig.defaults(3).withDays(2).withTransformers(2));
        AnalysisResult result = GridAnalysis.run(sim.meters(), sim.recordedTopology(), AnalysisOptions.defaults());
        Path html = HtmlReport.write(result, dir);
        String text = Files.readString(html);
        assertThat(text).startsWith("<!DOCTYPE html>").contains("Voltage through the week", "Correlation between meters",
                "Voltage unbalance", "Topology checks", "Data coverage", "histograms on the diagonal");
        assertThat(text.split("<svg ", -1).length - 1).isGreaterThan(2 * sim.meters().size());
        assertThat(text).doesNotContain("NaN\"").doesNotContain("<script");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("findings.json").toFile());
        assertThat(json.get("meters").asInt()).isEqualTo(sim.meters().size());
        assertThat(json.get("topologyFindings").toString()).contains(sim.truth().wrongTransformer().get(0).meterId());
        assertThat(json.get("faultSuspicions").size()).isEqualTo(result.suspicions().size());
        assertThat(json.get("correlations").size()).isEqualTo(sim.meters().size() * (sim.meters().size() - 1) / 2);
    }

    @Test
    void write_withoutTopology_saysChecksNotRunAndGroupsByCluster() throws IOException {
        SimResult sim = FeederSimulator.run(SimConfig.defaults(4).withDays(1).withTransformers(2).withFaults(0, 0, false));
        AnalysisResult result = GridAnalysis.run(sim.meters(), null, AnalysisOptions.defaults());
        String text = Files.readString(HtmlReport.write(result, dir));
        assertThat(text).contains("No topology file given", "Cluster 1");
    }
}
