package io.amsgrid.cli;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.sim.Evaluation;
import io.amsgrid.analysis.sim.SimConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code ./amsgrid analyze evaluate}: detection rates and false alarms over many simulated feeders. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Simulates --runs random networks (seeds from --seed) and scores the analysis against the ground truth.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "200", description = "networks to simulate (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--seed", defaultValue = "1000", description = "first seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", defaultValue = "2", description = "days per network (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--transformers", defaultValue = "3", description = "transformers per network (default ${DEFAULT-VALUE})")
    int transformers;

    @Option(names = "--it-share", defaultValue = "0", description = "share of transformers on IT grids (line voltages)")
    double itShare;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more");
        }
        SimConfig cfg = SimConfig.defaults(seed).withDays(days).withTransformers(transformers).withLineVoltageShare(itShare);
        spec.commandLine().getOut().println(Evaluation.run(cfg, AnalysisOptions.defaults(), seed, runs).summary());
        return 0;
    }
}
