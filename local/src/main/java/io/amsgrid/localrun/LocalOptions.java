package io.amsgrid.localrun;

import io.amsgrid.localrun.feed.FeedKind;
import io.amsgrid.rules.IngestRoute;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code ./amsgrid local} runs (its options are a contract other tools use).
 *
 * @param meters          simulated meters (ignored with a capture or a serial port)
 * @param speed           simulated seconds per wall-clock second
 * @param duration        simulated time to run (a real serial port: wall time); Ctrl-C ends a run early
 * @param capture         a capture to replay instead of the simulator, or null
 * @param thing           the thing name of the capture's or serial port's gateway
 * @param serialPort      a real serial port with a meter on it, or null
 * @param dataDir         where the run keeps its state and writes {@code csv/}
 * @param intervalMinutes the gateways' send interval
 * @param start           the simulated start instant; null = now minus the duration, so that
 *                        the whole run lies in the past and no timestamp is in the future
 * @param feed            how simulated meters reach their gateways ({@code --feed}); null = AUTO
 * @param route           how rule events reach the ingest ({@code --route}, the CDK context's values); null = DIRECT
 */
public record LocalOptions(int meters, double speed, Duration duration, Path capture, String thing,
                           String serialPort, Path dataDir, int intervalMinutes, Instant start, FeedKind feed,
                           IngestRoute route) {

    /** Options with the automatic feed (pseudo-terminals for small runs). */
    public LocalOptions(int meters, double speed, Duration duration, Path capture, String thing,
                        String serialPort, Path dataDir, int intervalMinutes, Instant start) {
        this(meters, speed, duration, capture, thing, serialPort, dataDir, intervalMinutes, start, FeedKind.AUTO);
    }

    /** Options with the direct ingest route (the CDK app's default). */
    public LocalOptions(int meters, double speed, Duration duration, Path capture, String thing,
                        String serialPort, Path dataDir, int intervalMinutes, Instant start, FeedKind feed) {
        this(meters, speed, duration, capture, thing, serialPort, dataDir, intervalMinutes, start, feed, IngestRoute.DIRECT);
    }

    public LocalOptions {
        feed = feed == null ? FeedKind.AUTO : feed;
        route = route == null ? IngestRoute.DIRECT : route;
        if (capture == null && serialPort == null && (meters < 1 || meters > 2000)) {
            throw new IllegalArgumentException("--meters must be 1..2000, was " + meters);
        }
        if (!(speed > 0) || speed > 3600) {
            throw new IllegalArgumentException("--speed must be > 0 and <= 3600, was " + speed);
        }
        if (serialPort != null && speed != 1) {
            throw new IllegalArgumentException("--speed cannot be used with --serial: a real meter sends in real time");
        }
        if (capture != null && serialPort != null) {
            throw new IllegalArgumentException("--capture and --serial exclude each other");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, was " + duration);
        }
        if (intervalMinutes < 1 || intervalMinutes > 60) {
            throw new IllegalArgumentException("--interval must be 1..60 minutes, was " + intervalMinutes);
        }
    }

    public boolean simulated() {
        return capture == null && serialPort == null;
    }

    /** The feed this run uses: {@link FeedKind#PTY} or {@link FeedKind#MEMORY}. */
    public FeedKind effectiveFeed() {
        return feed.resolve(meters);
    }

    /** The number of gateways this run starts. */
    public int gatewayCount() {
        return simulated() ? meters : 1;
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} or an ISO-8601 duration. */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 90s, 10m, 2h, 1d)");
        }
    }
}
