package io.amsgrid.cli.fleet;

import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.FleetSettings;
import io.amsgrid.fleet.data.DataExport;
import io.amsgrid.fleet.data.DataPull;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./amsgrid data ...}: CSV files from the export. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Pull CSV files, ask for an export.",
        subcommands = {DataCommand.PullCmd.class, DataCommand.ExportCmd.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Meter {
        @Option(names = "--meter", paramLabel = "M", description = "one meter (thing name)") String meter;
        @Option(names = "--all", description = "every meter") boolean all;
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, description = "Copy CSV files from S3, skipping unchanged ones.")
    static final class PullCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Spec CommandSpec spec;
        @ArgGroup(multiplicity = "1") Meter meter;
        @Option(names = "--kind", required = true, description = "avg, hr or pf") String kind;
        @Option(names = "--from", required = true) LocalDate from;
        @Option(names = "--to", required = true) LocalDate to;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--bucket", description = "the CSV bucket (AWS: the stack output; local: from local.json)") String bucket;

        @Override
        public Integer call() {
            FleetSettings s = fleet.settings();
            String b = bucket != null ? bucket : s.localBucket();
            if (b == null) {
                throw new FleetException(FleetError.BAD_INPUT, "--bucket is required on AWS");
            }
            try (var s3 = s.s3()) {
                DataPull.Summary r = DataPull.pull(s3, b, meter.all ? null : meter.meter, kind, from, to, out, System.err,
                        FleetCommand.plainProgress());
                spec.commandLine().getOut().printf("%d files: %d downloaded (%d bytes), %d unchanged%n", r.listed(),
                        r.downloaded(), r.bytes(), r.unchanged());
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Ask the export handler for a date range.")
    static final class ExportCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Spec CommandSpec spec;
        @ArgGroup(multiplicity = "1") Meter meter;
        @Option(names = "--kind", description = "avg, hr or pf (default all)") String kind;
        @Option(names = "--from", required = true) LocalDate from;
        @Option(names = "--to", required = true) LocalDate to;
        @Option(names = "--function", description = "the export Lambda's name (AWS; stack output)") String function;

        @Override
        public Integer call() {
            FleetSettings s = fleet.settings();
            Map<String, Object> event = DataExport.event(meter.all ? null : meter.meter, kind, from, to);
            Map<String, Object> r;
            if (s.mode() == FleetSettings.Mode.LOCAL) {
                var env = io.amsgrid.fleet.control.LocalEnvironment.read(s.localDir());
                r = DataExport.local(s.localLambdaSettings(), env.s3AccessKey(), env.s3SecretKey(), event);
            } else {
                if (function == null) {
                    throw new FleetException(FleetError.BAD_INPUT, "--function is required on AWS (the export function's name)");
                }
                try (var lambda = s.lambda()) {
                    r = DataExport.aws(lambda, function, event);
                }
            }
            spec.commandLine().getOut().printf("export %s..%s: %s files, %s rows%n", r.get("from"), r.get("to"),
                    r.get("files"), r.get("rows"));
            return 0;
        }
    }
}
