package io.amsgrid.cli.fleet;

import io.amsgrid.fleet.mqtt.MqttSession;
import io.amsgrid.fleet.provision.ClaimProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./amsgrid gateway provision}: commands run on the gateway itself. {@link ProvisionCmd} is a
 * subcommand of {@link io.amsgrid.cli.GatewayCommand}; this holder is not registered on its own.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Commands run on a gateway.",
        subcommands = {GatewayCommand.ProvisionCmd.class})
public final class GatewayCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Self-registration by claim: make a key here, get a certificate, register the thing, write the config.")
    public static final class ProvisionCmd implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--claim-cert", required = true, paramLabel = "FILE") Path claimCert;
        @Option(names = "--claim-key", required = true, paramLabel = "FILE") Path claimKey;
        @Option(names = "--ca", required = true, paramLabel = "FILE") Path ca;
        @Option(names = "--endpoint", required = true, paramLabel = "HOST[:PORT]") String endpoint;
        @Option(names = "--template", defaultValue = "amsgrid-gateway") String template;
        @Option(names = "--thing", required = true) String thing;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "extra gateway config, e.g. serial.port=/dev/ttyAMA0")
        Map<String, String> extra = new LinkedHashMap<>();
        @Option(names = "--timeout-seconds", defaultValue = "30") int timeoutSeconds;

        @Override
        public Integer call() {
            String host = endpoint;
            int port = 8883;
            int colon = endpoint.lastIndexOf(':');
            if (colon > 0) {
                host = endpoint.substring(0, colon);
                port = Integer.parseInt(endpoint.substring(colon + 1));
            }
            ClaimProvisioner.Result r = ClaimProvisioner.provision(new MqttSession.Endpoint(host, port, claimCert, claimKey,
                    ca), template, thing, out, extra, Duration.ofSeconds(timeoutSeconds));
            spec.commandLine().getOut().printf("registered as %s (certificate %s); config %s%n", r.thingName(),
                    r.certificateId(), r.configFile());
            return 0;
        }
    }
}
