package io.amsgrid.cli.fleet;

import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.fleet.ops.FleetStatus;
import io.amsgrid.fleet.ops.RateLimiter;
import io.amsgrid.fleet.ops.Register;
import io.amsgrid.fleet.ops.Rotate;
import io.amsgrid.fleet.ops.SetInterval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./amsgrid fleet ...}: everyday fleet operations (see docs/operations.md). */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Register gateways, set the send interval, show status, rotate certificates.",
        subcommands = {FleetCommand.RegisterCmd.class, FleetCommand.SetIntervalCmd.class, FleetCommand.StatusCmd.class,
                FleetCommand.RotateCmd.class})
public final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static boolean plainProgress() {
        return System.console() == null;
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Create thing, certificate (from --csr when given), policy and group; write a device bundle.")
    static final class RegisterCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Spec CommandSpec spec;
        @Option(names = "--thing", required = true) String thing;
        @Option(names = "--csr", paramLabel = "FILE", description = "the device's CSR (the key stays on the device)") Path csr;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @Option(names = "--ca", paramLabel = "FILE", description = "CA certificate for the bundle (AWS: AmazonRootCA1.pem)") Path ca;

        @Override
        public Integer call() {
            try (FleetControl c = fleet.settings().openControl()) {
                Path caFile = ca != null ? ca : c instanceof LocalFleetControl l ? l.caCertificate() : null;
                if (caFile == null) {
                    throw new io.amsgrid.fleet.FleetException(io.amsgrid.fleet.FleetError.BAD_INPUT,
                            "--ca FILE is required on AWS (download AmazonRootCA1.pem)");
                }
                Register.Bundle b = Register.register(c, thing, Optional.ofNullable(csr), caFile, out);
                spec.commandLine().getOut().printf("registered %s, certificate %s; bundle in %s%s%n", b.thing(),
                        b.certificateId(), b.dir(), b.keyGenerated() ? " (includes the generated key: move it to the device)" : "");
                return 0;
            }
        }
    }

    @Command(name = "set-interval", mixinStandardHelpOptions = true,
            description = "Set desired sendIntervalMinutes on one thing, a group or all; resumable.")
    static final class SetIntervalCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Mixin TargetOptions target;
        @Spec CommandSpec spec;
        @Option(names = "--minutes", required = true) int minutes;
        @Option(names = "--rate", defaultValue = "20", description = "shadow requests per second (default ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--progress-file", defaultValue = "amsgrid-set-interval.progress", paramLabel = "FILE") Path progress;
        @Option(names = "--wait-seconds", defaultValue = "120", description = "how long to wait for reports") int waitSeconds;

        @Override
        public Integer call() throws Exception {
            try (FleetControl c = fleet.settings().openControl()) {
                SetInterval.Summary s = SetInterval.run(c, target.targets(), minutes, rate, progress,
                        Duration.ofSeconds(waitSeconds), System.err, plainProgress());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%d devices: %d updated, %d already done earlier, %d failed, %d not yet reporting %d min (%.1f s)%n",
                        s.targets(), s.updated(), s.skippedAlreadyDone(), s.failed().size(), s.notReported().size(),
                        minutes, s.elapsed().toMillis() / 1000.0);
                s.failed().forEach(f -> out.println("  failed: " + f));
                s.notReported().stream().limit(50).forEach(t -> out.println("  not reported yet: " + t));
                return s.failed().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Per device: connected, last publish, interval, outbox, rejects, certificate expiry.")
    static final class StatusCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Mixin TargetOptions target;
        @Spec CommandSpec spec;
        @Option(names = "--rate", defaultValue = "10", description = "devices per second (default ${DEFAULT-VALUE})") double rate;

        @Override
        public Integer call() throws Exception {
            try (FleetControl c = fleet.settings().openControl()) {
                spec.commandLine().getOut().print(FleetStatus.table(FleetStatus.collect(c, target.targets(),
                        new RateLimiter(rate))));
                return 0;
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rotate device certificates (new key and CSR on the device), then retire the old ones.")
    static final class RotateCmd implements Callable<Integer> {
        @Mixin FleetOptions fleet;
        @Mixin TargetOptions target;
        @Spec CommandSpec spec;
        @Option(names = "--rate", defaultValue = "20") double rate;
        @Option(names = "--request-id", description = "continue an earlier rotation (see its progress file)") String requestId;
        @Option(names = "--progress-file", defaultValue = "amsgrid-rotate.progress", paramLabel = "FILE") Path progress;
        @Option(names = "--wait-seconds", defaultValue = "600") int waitSeconds;

        @Override
        public Integer call() throws Exception {
            try (FleetControl c = fleet.settings().openControl()) {
                String id = requestId != null ? requestId : Rotate.newRequestId();
                Rotate.Summary s = Rotate.run(c, target.targets(), rate, progress, id, Duration.ofSeconds(waitSeconds),
                        System.err, plainProgress());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("rotation %s: %d rotated and old certificates deleted, %d skipped (done earlier), %d not finished%n",
                        id, s.retired().size(), s.skipped(), s.notFinished().size());
                s.rejected().forEach((t, code) -> out.println("  refused by the cloud: " + t + " (" + code
                        + "; the old certificate stays in use; see docs/operations.md)"));
                s.notFinished().forEach(t -> out.println("  not finished: " + t + " (re-run with --request-id " + id + ")"));
                return s.notFinished().isEmpty() && s.rejected().isEmpty() ? 0 : 1;
            }
        }
    }
}
