package io.amsgrid.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Amsgrid.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void simulateThenAnalyze_findsTheInjectedErrors_exitCodeThree() throws Exception {
        Path sim = dir.resolve("sim");
        assertThat(run("analyze", "simulate", "--out", sim.toString(), "--days", "2", "--transformers", "2", "--seed", "3"))
                .isZero();
        assertThat(sim.resolve("truth.json")).exists();
        Path report = dir.resolve("report");
        int code = run("analyze", "--data", sim.toString(), "--topology", sim.resolve("topology.csv").toString(),
                "--out", report.toString(), "--span", "30");
        assertThat(code).as(err.toString()).isEqualTo(3);
        String truth = Files.readString(sim.resolve("truth.json"));
        String wrongMeter = truth.replaceAll("(?s).*\"wrongTransformer\" : \\[ \\{\\s*\"meterId\" : \"([^\"]+)\".*", "$1");
        assertThat(out.toString()).contains("topology " + wrongMeter + ":", "report: ");
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("findings.json")).exists();
    }

    @Test
    void analyze_missingDirectory_oneLineErrorExitOne() {
        assertThat(run("analyze", "--data", dir.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("amsgrid analyze: ").contains("no such directory").doesNotContain("\n\tat ");
    }

    @Test
    void analyze_badTopologyHeader_namesFileAndColumn() throws Exception {
        Path sim = dir.resolve("sim");
        run("analyze", "simulate", "--out", sim.toString(), "--days", "1", "--transformers", "2", "--no-faults");
        Path topo = dir.resolve("bad.csv");
        Files.writeString(topo, "transformer,feeder,meter\nT1,R1,x\n");
        assertThat(run("analyze", "--data", sim.toString(), "--topology", topo.toString(), "--out", dir.resolve("r").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("bad.csv:1").contains("'position'");
    }
}
