package io.amsgrid.cli;

import io.amsgrid.gateway.GatewayMain;
import io.amsgrid.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./amsgrid gateway --config FILE}: runs the gateway (meter port to AWS IoT Core) until
 * stopped; see docs/gateway.md.
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
        GatewayConfig c = GatewayConfig.load(config);
        GatewayConfig.SourceConfig source = c.source();
        if (capture != null) {
            source = new GatewayConfig.SourceConfig.Capture(capture, speed == null ? 1.0 : speed);
        } else if (speed != null) {
            if (!(source instanceof GatewayConfig.SourceConfig.Capture cap)) {
                throw new IllegalArgumentException("--speed only applies to a capture source (--capture FILE)");
            }
            source = new GatewayConfig.SourceConfig.Capture(cap.file(), speed);
        }
        if (speed != null && speed < 0) {
            throw new IllegalArgumentException("--speed must be >= 0, got " + speed);
        }
        return GatewayMain.run(c.withSource(source, record != null ? record : c.recordFile()));
    }
}
