package io.amsgrid.gateway;

import io.amsgrid.gateway.config.ConfigException;
import io.amsgrid.gateway.config.GatewayConfig;

import java.time.Clock;
import java.time.Duration;

/**
 * The gateway process: what {@code ./amsgrid gateway --config FILE} runs, on a classpath of
 * device-sdk and its dependencies only (SLF4J simple binding), so the process stays small on a
 * Raspberry Pi (docs/benchmarks.md, "Gateway"). Arguments: {@link GatewayArgs}. Runs until
 * SIGTERM/SIGINT; a capture source ends the process once the capture is replayed and the outbox is
 * empty. Errors are one line on stderr: exit 2 for a bad command line, 1 for a bad config.
 */
public final class GatewayMain {
    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayArgs a;
        try {
            a = GatewayArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("amsgrid gateway: " + e.getMessage() + " (--help shows the usage)");
            System.exit(2);
            return;
        }
        if (a == null) {
            System.out.println(GatewayArgs.USAGE);
            return;
        }
        GatewayConfig config;
        try {
            config = a.apply(GatewayConfig.load(a.config()));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("amsgrid gateway: " + e.getMessage());
            System.exit(1);
            return;
        }
        int code;
        try {
            code = run(config);
        } catch (RuntimeException e) {
            System.err.println("amsgrid gateway: cannot run: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
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
