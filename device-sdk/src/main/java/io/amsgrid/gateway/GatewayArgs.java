package io.amsgrid.gateway;

import io.amsgrid.gateway.config.GatewayConfig;

import java.nio.file.Path;

/**
 * The gateway's command line, shared by {@link GatewayMain} (what {@code ./amsgrid gateway} runs)
 * and the picocli command: {@code --config FILE [--capture FILE] [--speed N] [--record FILE]}.
 *
 * @param config  the config file (required)
 * @param capture replay this capture instead of the configured source, or null
 * @param speed   replay speed for a capture (0 = as fast as possible), or null
 * @param record  also record every received chunk to this capture file, or null
 */
public record GatewayArgs(Path config, Path capture, Double speed, Path record) {

    /** The usage text of {@code ./amsgrid gateway}. */
    public static final String USAGE = """
            Usage: amsgrid gateway --config FILE [--capture FILE] [--speed N] [--record FILE]
                   amsgrid gateway provision ...   (claim provisioning: amsgrid gateway provision --help)
            Run the gateway: read the meter's HAN port, aggregate, and publish to AWS IoT Core through a
            durable outbox. Stops on Ctrl-C / SIGTERM; a replayed capture ends the run once everything is
            published. Config reference: docs/gateway.md
                  --config FILE    the gateway config file
                  --capture FILE   replay this capture (JSON Lines {"t","hex"}) instead of the configured source
                  --speed N        replay speed for --capture (default 1; 0 = as fast as possible)
                  --record FILE    also write every received chunk to this capture file
              -h, --help           show this help""";

    /**
     * Parses the arguments; null for {@code --help}. A bad command line throws
     * {@link IllegalArgumentException} with a message for the user. A lone argument is taken as the
     * config file ({@code GatewayMain <config file>}).
     */
    public static GatewayArgs parse(String... args) {
        Path config = null;
        Path capture = null;
        Double speed = null;
        Path record = null;
        if (args.length == 1 && !args[0].startsWith("-")) {
            return new GatewayArgs(Path.of(args[0]), null, null, null);
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
            switch (name) {
                case "--config" -> config = Path.of(value);
                case "--capture" -> capture = Path.of(value);
                case "--record" -> record = Path.of(value);
                case "--speed" -> speed = parseSpeed(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required to run the gateway (or use: gateway provision ...)");
        }
        return new GatewayArgs(config, capture, speed, record);
    }

    private static double parseSpeed(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be a number, got '" + value + "'");
        }
    }

    /** The config with the command line's overrides; throws {@link IllegalArgumentException} for a bad combination. */
    public GatewayConfig apply(GatewayConfig c) {
        GatewayConfig.SourceConfig source = c.source();
        if (capture != null) {
            source = new GatewayConfig.SourceConfig.Capture(capture, speed == null ? 1.0 : speed);
        } else if (speed != null) {
            if (!(source instanceof GatewayConfig.SourceConfig.Capture cap)) {
                throw new IllegalArgumentException("--speed only applies to a capture source (--capture FILE)");
            }
            source = new GatewayConfig.SourceConfig.Capture(cap.file(), speed);
        }
        if (speed != null && !(speed >= 0)) {
            throw new IllegalArgumentException("--speed must be >= 0, got " + speed);
        }
        return c.withSource(source, record != null ? record : c.recordFile());
    }
}
