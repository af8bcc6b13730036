package io.amsgrid.gateway;

import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.testing.Captures;
import io.amsgrid.gateway.testing.CloudFixture;
import io.amsgrid.gateway.testing.GatewayProcess;
import io.amsgrid.gateway.testing.TestVectors;
import io.amsgrid.local.clock.AcceleratedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window that is still open when the gateway stops (issue 3): a live meter on a TCP byte
 * stream (ser2net style), the real broker. A clean stop saves the open window and the next start
 * resumes it (one message with the samples of both runs) or, when its time has passed, publishes
 * it at once with the samples it had. Never two different messages for one window, never a
 * silent loss.
 */
class OpenWindowIT {
    private static final List<TestVectors.Frame> LIST2 = List.of(TestVectors.frame("no-kaifa-l2-3ph-amsr-gh180"),
            TestVectors.frame("no-kaifa-l2-3ph-amsr-gh493"), TestVectors.frame("no-kaifa-l2-3ph-elwiz"));
    @TempDir
    static Path dir;
    static CloudFixture cloud;

    @BeforeAll
    static void start() {
        cloud = new CloudFixture(dir);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void cleanStopMidWindow_restartBeforeItsEnd_oneMessageWithTheSamplesOfBothRuns() throws Exception {
        stopMidWindowAndResume("gw-resume", GatewayThreads.own());
    }

    /** The same with a fleet's scheduling (shared ticker, virtual threads), as {@code ./amsgrid local} runs it. */
    @Test
    void cleanStopMidWindow_fleetThreads_oneMessageWithTheSamplesOfBothRuns() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(Duration.ofMillis(100))) {
            stopMidWindowAndResume("gw-fleet", GatewayThreads.fleet(ticker));
            assertThat(ticker.size()).as("both gateways' ticks cancelled on close").isZero();
            assertThat(ticker.ticks()).isPositive();
            assertThat(ticker.failedTicks()).isZero();
        }
    }

    private void stopMidWindowAndResume(String thing, GatewayThreads threads) throws Exception {
        try (Meter meter = new Meter()) {
            Path cfg = cloud.gatewayConfig(thing, Map.of("source", "tcp", "tcp.host", "127.0.0.1",
                    "tcp.port", Integer.toString(meter.port()), "publishOffsetSeconds", "0"));
            Instant t0 = Instant.parse("2026-11-25T12:00:05Z");
            List<Captures.Timed> fed = new ArrayList<>();
            Instant stoppedAt;
            AcceleratedClock clock1 = AcceleratedClock.paused(t0, 5); // runs from the first frame on
            try (Gateway g = new Gateway(GatewayConfig.load(cfg), clock1, null, threads)) {
                g.start();
                fed.addAll(meter.feed(clock1, LIST2, 4));
                await(() -> g.status().framesOk() == 4, "first run decoded its frames");
                stoppedAt = clock1.instant();
            } // close(): what SIGTERM runs
            Path saved = dir.resolve("data-" + thing + "/open-windows");
            assertThat(saved).exists();
            assertThat(stoppedAt).isBefore(t0.plusSeconds(40));

            AcceleratedClock clock2 = AcceleratedClock.paused(stoppedAt.plusSeconds(5), 5);
            try (Gateway g = new Gateway(GatewayConfig.load(cfg), clock2, null, threads)) {
                g.start();
                assertThat(saved).doesNotExist();
                assertThat(receiveAvg(thing, 0)).as("the resumed window is not published early").isEmpty();
                fed.addAll(meter.feed(clock2, LIST2, 3));
                await(() -> g.status().framesOk() == 3, "second run decoded its frames");
                List<AggregatePayload> avg = receiveAvg(thing, 1);
                TreeMap<Long, Captures.Expected> expected = Captures.windows(fed, 1);
                assertThat(expected).hasSize(1);
                assertThat(avg).singleElement().satisfies(p -> {
                    assertThat(p.windowStartEpochS()).isEqualTo(t0.truncatedTo(ChronoUnit.MINUTES).getEpochSecond());
                    GatewayIT.assertWindow(p, expected.firstEntry().getValue());
                });
            }
        }
    }

    @Test
    void sigtermMidWindow_restartAfterItsEnd_windowPublishedAtOnceWithItsSamples() throws Exception {
        try (Meter meter = new Meter()) {
            Path status = dir.resolve("status-sigterm.json");
            Path cfg = cloud.gatewayConfig("gw-sigterm", Map.of("source", "tcp", "tcp.host", "127.0.0.1",
                    "tcp.port", Integer.toString(meter.port()), "intervalMinutes", "60", "publishOffsetSeconds", "0",
                    "status.intervalSeconds", "1", "status.file", status.toString()));
            Instant now = Instant.now();
            Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            if (Duration.between(now, hourEnd).toSeconds() < 30) {
                Thread.sleep(Duration.between(now, hourEnd).toMillis() + 1000); // the test needs one hour window
            }
            Process p = GatewayProcess.start(cfg, dir.resolve("gateway-sigterm.log"));
            List<Captures.Timed> fed;
            try {
                fed = meter.feed(Clock.systemUTC(), LIST2, 5);
                await(() -> statusFramesOk(status) == 5, "the gateway process decoded the frames");
            } finally {
                p.destroy(); // SIGTERM: the shutdown hook stops the gateway cleanly
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(dir.resolve("data-gw-sigterm/open-windows")).exists();
            assertThat(receiveAvg("gw-sigterm", 0)).as("nothing published before the restart").isEmpty();

            Instant hour = fed.getFirst().at().truncatedTo(ChronoUnit.HOURS);
            Clock later = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), hour.plus(61, ChronoUnit.MINUTES)));
            try (Gateway g = new Gateway(GatewayConfig.load(cfg), later)) {
                g.start();
                List<AggregatePayload> avg = receiveAvg("gw-sigterm", 1);
                TreeMap<Long, Captures.Expected> expected = Captures.windows(fed, 60);
                assertThat(avg).singleElement().satisfies(a -> {
                    assertThat(a.windowStartEpochS()).isEqualTo(hour.getEpochSecond());
                    assertThat(a.intervalMinutes()).isEqualTo(60);
                    GatewayIT.assertWindow(a, expected.get(hour.getEpochSecond()));
                });
            }
        }
    }

    private static List<AggregatePayload> receiveAvg(String thing, int atLeast) throws InterruptedException {
        List<AggregatePayload> out = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        do {
            cloud.receiveUntilQuiet(Duration.ofMillis(500)).stream().filter(r -> r.topic().equals("avg/" + thing))
                    .forEach(r -> out.add((AggregatePayload) r.payload()));
        } while (out.size() < atLeast && System.nanoTime() < end);
        return out;
    }

    private static long statusFramesOk(Path status) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.toFile()).get("framesOk").asLong();
        } catch (IOException | RuntimeException e) {
            return -1; // not written yet
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    /** A meter behind a ser2net-style TCP port: each gateway run connects once. */
    private static final class Meter implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private Socket current;

        Meter() throws IOException {
        }

        int port() {
            return server.getLocalPort();
        }

        /** Accepts the gateway's connection and writes {@code count} frames, one every 200 ms. */
        List<Captures.Timed> feed(Clock clock, List<TestVectors.Frame> frames, int count) throws Exception {
            if (current != null) {
                current.close();
            }
            server.setSoTimeout(20_000);
            current = server.accept();
            if (clock instanceof AcceleratedClock a) {
                a.start(); // a paused clock starts with the meter's first frame
            }
            OutputStream out = current.getOutputStream();
            List<Captures.Timed> fed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                TestVectors.Frame f = frames.get(i % frames.size());
                fed.add(new Captures.Timed(clock.instant(), f));
                out.write(f.bytes());
                out.flush();
                Thread.sleep(200);
            }
            return fed;
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
            server.close();
        }
    }
}
