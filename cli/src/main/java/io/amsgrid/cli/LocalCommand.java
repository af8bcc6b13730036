package io.amsgrid.cli;

import io.amsgrid.localrun.LocalOptions;
import io.amsgrid.localrun.LocalRun;
import io.amsgrid.localrun.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./amsgrid local}: the whole system on this machine, no meter and no AWS account needed.
 * The options and the summary line are a contract other tools use.
 */
@Command(name = "local",
        description = {"Runs amsgrid on this machine: local AWS stand-ins, simulated meters feeding real gateways "
                + "through pseudo-terminals, the IoT rules and Lambdas; then exports CSV to DATA/csv/.",
                "The last line printed is: meters N, frames F, rejected R, aggregates A, hourly H, stored S, lost L, duplicates D"},
        mixinStandardHelpOptions = true)
public final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", description = "simulated meters (default ${DEFAULT-VALUE}: one per vendor)")
    int meters;

    @Option(names = "--speed", defaultValue = "60", description = "simulated seconds per second (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--duration", defaultValue = "2h", description = "simulated time, e.g. 90m, 2h, 1d (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--capture", description = "replay this capture (JSON Lines {\"t\",\"hex\"}) instead of simulating")
    Path capture;

    @Option(names = "--thing", defaultValue = "capture-1", description = "thing name with --capture or --serial (default ${DEFAULT-VALUE})")
    String thing;

    @Option(names = "--serial", description = "read a real meter on this serial port instead of simulating")
    String serial;

    @Option(names = "--data", defaultValue = "local-data", description = "state and output directory (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--interval", defaultValue = "1", description = "send interval in minutes, 1-60 (default ${DEFAULT-VALUE})")
    int intervalMinutes;

    @Option(names = "--feed", defaultValue = "auto", description = "how meters reach their gateways: pty (socat "
            + "pseudo-terminals read as serial ports), memory (in-memory pipes into the gateways' byte sources) or auto "
            + "(pty up to " + io.amsgrid.localrun.feed.FeedKind.MEMORY_ABOVE_METERS + " meters, memory above; default)")
    String feed;

    @Option(names = "--route", defaultValue = "direct", description = "how rule events reach the ingest Lambda, as the "
            + "CDK context 'route': direct (one asynchronous invocation per message; default) or batched (the rules' SQS "
            + "action into an in-process queue stand-in, batches of up to " + io.amsgrid.rules.BatchedRoute.BATCH_SIZE
            + " to the batch ingest handler)")
    String route;

    @Override
    public Integer call() throws Exception {
        if (System.getenv("AMSGRID_GATEWAY_LOG_LEVEL") == null) {
            // Many gateways in one process: their status lines would drown the progress lines.
            org.apache.logging.log4j.core.config.Configurator.setLevel("io.amsgrid.gateway",
                    org.apache.logging.log4j.Level.WARN);
        }
        double effectiveSpeed = serial != null && !spec.commandLine().getParseResult().hasMatchedOption("--speed") ? 1 : speed;
        LocalOptions options = new LocalOptions(meters, effectiveSpeed, LocalOptions.parseDuration(duration), capture,
                thing, serial, data.toAbsolutePath(), intervalMinutes, null, io.amsgrid.localrun.feed.FeedKind.parse(feed),
                io.amsgrid.rules.IngestRoute.parse(route));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            out.println("amsgrid local: stopping (Ctrl-C): draining, exporting CSV ...");
            try {
                done.await(); // let the run finish its clean-up and print the summary
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "amsgrid-local-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunSummary summary = LocalRun.run(options, out, stop::get);
            return summary.lost() == 0 && summary.duplicates() == 0 ? 0 : 2;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting on Ctrl-C: the hook is running and has waited for us
            }
        }
    }
}
