package io.amsgrid.cli;

import io.amsgrid.gateway.GatewayArgs;
import io.amsgrid.gateway.GatewayMain;
import io.amsgrid.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./amsgrid gateway --config FILE}: runs the gateway (meter port to AWS IoT Core) until
 * stopped; see docs/gateway.md. The launcher script runs the gateway in its own small JVM
 * ({@link GatewayMain}, same options) and comes here only for {@code gateway provision}; this
 * command keeps the gateway in {@code --help} and in-process runs working.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        subcommands = {io.amsgrid.cli.fleet.GatewayCommand.ProvisionCmd.class},
        description = {"Run the gateway: read the meter's HAN port, aggregate, and publish to AWS IoT Core "
                + "through a durable outbox. Stops on Ctrl-C / SIGTERM; a replayed capture ends the run "
                + "once everything is published.", "Config reference: docs/gateway.md"})
public final class GatewayCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the gateway config file (required to run)")
    Path config;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "replay this capture (JSON Lines {\"t\",\"hex\"}) instead of the configured source")
    Path capture;

    @Option(names = "--speed", paramLabel = "N", description = "replay speed for --capture (default 1; 0 = as fast as possible)")
    Double speed;

    @Option(names = "--record", paramLabel = "FILE", description = "also write every received chunk to this capture file")
    Path record;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--config FILE is required to run the gateway (or use: gateway provision ...)");
        }
        GatewayArgs args = new GatewayArgs(config, capture, speed, record);
        return GatewayMain.run(args.apply(GatewayConfig.load(config)));
    }
}
