package io.amsgrid.gateway;

import io.amsgrid.gateway.config.ConfigException;
import io.amsgrid.gateway.config.GatewayConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs a gateway from a config file until SIGTERM/SIGINT: {@code GatewayMain <config file>}.
 * A capture source ends the process once the capture is replayed and the outbox is empty.
 * The {@code ./amsgrid gateway} command does the same with more options.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: GatewayMain <config file>");
            System.exit(2);
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.load(Path.of(args[0]));
        } catch (ConfigException e) {
            System.err.println("amsgrid gateway: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(run(config));
    }

    /** Runs until stopped (or, for a capture, until replayed and published); returns the exit code. */
    public static int run(GatewayConfig config) throws InterruptedException {
        Gateway g = new Gateway(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(g::close, "gateway-shutdown"));
        g.start();
        if (config.source() instanceof GatewayConfig.SourceConfig.Capture) {
            while (!g.awaitDrained(Duration.ofHours(1))) {
                // keep going: the broker may be away
            }
            return 0;
        }
        Thread.currentThread().join();
        return 0;
    }
}
