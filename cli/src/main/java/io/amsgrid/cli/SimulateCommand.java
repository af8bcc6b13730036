package io.amsgrid.cli;

import io.amsgrid.analysis.sim.FeederSimulator;
import io.amsgrid.analysis.sim.SimConfig;
import io.amsgrid.analysis.sim.SimResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./amsgrid analyze simulate}: radial feeders with ground truth, written as amsgrid CSV. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates LV radials (load flow, load and PV profiles) and writes OUT/csv/..., OUT/topology.csv "
                + "(with injected errors), OUT/topology-true.csv and OUT/truth.json.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--transformers", defaultValue = "3", description = "transformers (default ${DEFAULT-VALUE})")
    int transformers;

    @Option(names = "--days", defaultValue = "7", description = "days from 2026-04-27 (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--it-share", defaultValue = "0", description = "share of transformers on IT grids (line voltages)")
    double itShare;

    @Option(names = "--no-faults", description = "inject no topology errors and no high-impedance fault")
    boolean noFaults;

    @Override
    public Integer call() throws Exception {
        if (days < 1 || days > 60 || transformers < 1 || transformers > 50) {
            throw new IllegalArgumentException("--days must be 1..60 and --transformers 1..50");
        }
        SimConfig cfg = SimConfig.defaults(seed).withDays(days).withTransformers(transformers).withLineVoltageShare(itShare);
        if (noFaults) {
            cfg = cfg.withFaults(0, 0, false);
        } else if (transformers < 2) {
            cfg = cfg.withFaults(0, 1, true);
        }
        SimResult sim = FeederSimulator.run(cfg);
        sim.write(out);
        spec.commandLine().getOut().printf("simulated %d meters on %d transformers for %d days -> %s%n",
                sim.meters().size(), transformers, days, out.toAbsolutePath());
        spec.commandLine().getOut().println("try: ./amsgrid analyze --data " + out + " --topology " + out.resolve("topology.csv")
                + " --out " + out.resolve("report"));
        return 0;
    }
}
