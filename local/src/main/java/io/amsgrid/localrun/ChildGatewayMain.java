package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.config.GatewayConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A gateway of a local run in its own JVM (so a test can SIGKILL it), on the run's simulated clock:
 * {@code ChildGatewayMain <config> <simulated start, ISO-8601> <speed> <anchor file>}. The clock
 * stands at the simulated start until the anchor file holds {@code <simulated epoch ms> <wall epoch ms>}
 * (the parent writes it when its clock starts), then runs {@code speed} times faster than the wall
 * clock from that pair on. Runs until killed.
 */
public final class ChildGatewayMain {
    private ChildGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        AnchoredClock clock = new AnchoredClock(Instant.parse(args[1]), Double.parseDouble(args[2]), Path.of(args[3]));
        Gateway g = new Gateway(GatewayConfig.load(config), clock);
        Runtime.getRuntime().addShutdownHook(new Thread(g::close, "gateway-shutdown"));
        g.start();
        while (g.connectionState() != io.amsgrid.gateway.iot.ConnectionState.CONNECTED) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // the serial source opens its port right after start
        Files.writeString(config.resolveSibling("ready"), "ready");
        Thread.currentThread().join();
    }

    /** The parent's accelerated clock, reconstructed from one (simulated, wall) pair. */
    static final class AnchoredClock extends Clock {
        private final Instant start;
        private final double speed;
        private final Path anchorFile;
        private volatile long simAnchorMs = Long.MIN_VALUE;
        private volatile long wallAnchorMs;

        AnchoredClock(Instant start, double speed, Path anchorFile) {
            this.start = start;
            this.speed = speed;
            this.anchorFile = anchorFile;
        }

        @Override
        public Instant instant() {
            if (simAnchorMs == Long.MIN_VALUE && !readAnchor()) {
                return start;
            }
            double elapsedMs = (System.currentTimeMillis() - wallAnchorMs) * speed;
            return Instant.ofEpochMilli(simAnchorMs).plusNanos((long) (elapsedMs * 1_000_000));
        }

        private synchronized boolean readAnchor() {
            if (simAnchorMs != Long.MIN_VALUE) {
                return true;
            }
            try {
                if (!Files.exists(anchorFile)) {
                    return false;
                }
                String[] parts = Files.readString(anchorFile).trim().split(" ");
                if (parts.length != 2) {
                    return false; // being written
                }
                wallAnchorMs = Long.parseLong(parts[1]);
                simAnchorMs = Long.parseLong(parts[0]);
                return true;
            } catch (java.io.IOException | NumberFormatException e) {
                return false;
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
