package io.amsgrid.cli;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.csv.AmsCsvReader;
import io.amsgrid.analysis.csv.CsvLoad;
import io.amsgrid.analysis.report.HtmlReport;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.VoltageKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code ./amsgrid analyze}: grid analysis over the amsgrid CSV, with an HTML report. */
@Command(name = "analyze",
        description = {"Analyses meter CSV (csv/<thing>/avg/<date>.csv): voltage profiles, correlation and clusters, "
                + "unbalance alarms and fault suspicions, topology checks; writes OUT/index.html and OUT/findings.json.",
                "Exit code 0 = no findings, 3 = findings (a fault suspicion, an unbalance alarm or a topology flag)."},
        mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, EvaluateCommand.class})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "directory holding csv/ (or the csv directory itself)")
    Path data;

    @Option(names = "--topology", description = "CSV transformer,feeder,position,meter[,voltages] (see docs/analysis.md)")
    Path topology;

    @Option(names = "--out", defaultValue = "analysis-report", description = "report directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--span", defaultValue = "50", description = "moving-average span in minutes (default: ${DEFAULT-VALUE})")
    int spanMinutes;

    @Option(names = "--from", description = "first date (yyyy-mm-dd), inclusive")
    LocalDate from;

    @Option(names = "--to", description = "last date (yyyy-mm-dd), inclusive")
    LocalDate to;

    @Option(names = "--voltages", defaultValue = "phase",
            description = "three-phase voltages when the topology does not say: phase (TN) or line (IT); default ${DEFAULT-VALUE}")
    String voltages;

    @Option(names = "--unbalance-percent", defaultValue = "2.0", description = "alarm threshold (default ${DEFAULT-VALUE}, EN 50160)")
    double unbalancePercent;

    @Option(names = "--unbalance-minutes", defaultValue = "10", description = "alarm minimum duration (default ${DEFAULT-VALUE})")
    int unbalanceMinutes;

    @Override
    public Integer call() throws Exception {
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required (or use 'analyze simulate' to make data)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        AnalysisOptions options = AnalysisOptions.defaults().withSmoothingSpan(spanMinutes)
                .withDefaultVoltages(VoltageKind.parse(voltages)).withUnbalance(unbalancePercent, unbalanceMinutes);
        CsvLoad load = AmsCsvReader.read(data, from, to);
        Topology topo = null;
        if (topology != null) {
            if (!Files.isRegularFile(topology)) {
                throw new IllegalArgumentException("no such topology file: " + topology);
            }
            topo = Topology.read(topology);
        }
        AnalysisResult result = GridAnalysis.run(load, topo, options);
        Path html = HtmlReport.write(result, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("analysed %d meters%s%n", result.meters().size(),
                load.problemCount() == 0 ? "" : " (" + load.problemCount() + " CSV problems: " + load.problems() + ")");
        result.suspicions().forEach(s -> o.println("FAULT SUSPECTED " + s.radial() + ": " + s.evidence()));
        result.unbalance().values().stream().filter(u -> u.hasAlarm()).forEach(u -> o.printf(
                "unbalance alarm %s: %d alarm(s), %d min, max %.1f %%%n", u.meterId(), u.episodes().size(),
                u.alarmSeconds() / 60, u.maxPercent()));
        long flags = 0;
        for (TopologyFinding f : result.topologyFindings()) {
            if (!(f instanceof TopologyFinding.NotCheckable)) {
                o.println("topology " + f.meterId() + ": " + f.evidence());
                flags++;
            }
        }
        o.println("report: " + html.toAbsolutePath());
        boolean any = !result.suspicions().isEmpty() || flags > 0
                || result.unbalance().values().stream().anyMatch(u -> u.hasAlarm());
        return any ? 3 : 0;
    }
}
