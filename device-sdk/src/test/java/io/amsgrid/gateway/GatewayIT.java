package io.amsgrid.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.testing.Captures;
import io.amsgrid.gateway.testing.CloudFixture;
import io.amsgrid.gateway.testing.TestVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gateway against mosquitto with mutual TLS, replaying real frames from a capture. */
class GatewayIT {
    // before the wall clock on purpose: when replaying, the capture's t is the clock
    private static final Instant T0 = Instant.parse("2025-06-01T09:58:00Z");
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

    /** Kaifa three-phase: List 1 every 2 s, List 2 every 10 s (three different frames). */
    static List<Captures.Timed> kaifaThreePhase(int minutes) {
        List<Captures.Timed> all = new ArrayList<>(Captures.schedule(T0.plusSeconds(1), 2, minutes * 30,
                List.of(TestVectors.frame("no-kaifa-l1-amsr-gh180"))));
        all.addAll(Captures.schedule(T0, 10, minutes * 6, List.of(TestVectors.frame("no-kaifa-l2-3ph-amsr-gh180"),
                TestVectors.frame("no-kaifa-l2-3ph-amsr-gh493"), TestVectors.frame("no-kaifa-l2-3ph-elwiz"))));
        all.sort(Comparator.comparing(Captures.Timed::at));
        return all;
    }

    static Gateway startGateway(String thing, Map<String, String> settings) {
        Gateway g = new Gateway(GatewayConfig.load(cloud.gatewayConfig(thing, settings)), Clock.systemUTC());
        g.start();
        return g;
    }

    static void assertWindow(AggregatePayload p, Captures.Expected e) {
        assertThat(p.measurements().keySet()).isEqualTo(e.stats().keySet());
        e.stats().forEach((m, s) -> {
            AggregatePayload.Stats got = p.measurements().get(m);
            assertThat(got.samples()).as("%s samples", m).isEqualTo((int) s[0]);
            assertThat(got.min()).as("%s min", m).isEqualTo((float) s[2]);
            assertThat(got.max()).as("%s max", m).isEqualTo((float) s[3]);
            assertThat((double) got.avg()).as("%s avg", m).isCloseTo(s[1] / s[0], within(Math.abs(s[1] / s[0]) * 1e-6 + 1e-6));
        });
    }

    @Test
    void replay_realFramesAt1000x_everyWindowAndTheHourPublishedValueByValue() throws Exception {
        List<Captures.Timed> frames = new ArrayList<>(kaifaThreePhase(5));
        frames.removeIf(t -> !t.at().isBefore(T0.plusSeconds(4 * 60 + 25))); // the capture ends mid-window
        TestVectors.Frame list3 = TestVectors.frame("no-kaifa-l3-3ph-elwiz-2020");
        frames.add(new Captures.Timed(T0.plusSeconds(130).plusMillis(500), list3));
        frames.sort(Comparator.comparing(Captures.Timed::at));
        Path capture = Captures.write(dir.resolve("kaifa-5min.jsonl"), frames);
        // every window, the last two too: published when the capture ends (the one before the
        // last awaits its 7 s offset, the last one holds 25 s of samples)
        TreeMap<Long, Captures.Expected> expected = Captures.windows(frames, 1);
        assertThat(expected).hasSize(5);
        assertThat(expected.lastEntry().getValue().stats().get(Measurement.ACTIVE_IMPORT_W)[0]).isEqualTo(15); // of 36 in a whole minute

        Path statusFile = dir.resolve("status-replay.json");
        try (Gateway g = startGateway("gw-replay", Map.of("source", "capture", "capture.file", capture.toString(),
                "capture.speed", "1000", "publishOffsetSeconds", "7", "status.file", statusFile.toString()))) {
            assertThat(g.awaitDrained(Duration.ofSeconds(30))).isTrue();
            List<CloudFixture.Received> got = cloud.receiveUntilQuiet(Duration.ofSeconds(2)); // filtered by topic below
            List<AggregatePayload> avg = got.stream().filter(r -> r.topic().equals("avg/gw-replay"))
                    .map(r -> (AggregatePayload) r.payload()).toList();
            assertThat(avg).extracting(AggregatePayload::windowStartEpochS).containsExactlyElementsOf(expected.keySet());
            for (AggregatePayload p : avg) {
                assertThat(p.intervalMinutes()).isEqualTo(1);
                assertWindow(p, expected.get(p.windowStartEpochS()));
            }
            HourlyPayload hr = got.stream().filter(r -> r.topic().equals("hr/gw-replay"))
                    .map(r -> (HourlyPayload) r.payload()).findFirst().orElseThrow();
            MeterReading r3 = Captures.reading(list3);
            assertThat(hr.hourStartEpochS()).isEqualTo(r3.meterTime().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
            assertThat(hr.meterId()).isEqualTo(r3.meterId());
            assertThat(hr.flags()).isEmpty();
            for (Measurement m : List.of(Measurement.ACTIVE_IMPORT_WH, Measurement.ACTIVE_EXPORT_WH,
                    Measurement.REACTIVE_IMPORT_VARH, Measurement.REACTIVE_EXPORT_VARH)) {
                assertThat(hr.registers().get(m)).as(m.fieldName()).isEqualTo(Math.round(r3.values().get(m)));
            }
            assertThat(g.status().rejectTotal()).isZero();
            assertThat(g.status().framesOk()).isEqualTo(frames.size());
            Thread.sleep(2500); // one status interval
            JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(statusFile.toFile());
            assertThat(status.get("framesOk").asLong()).isEqualTo(frames.size());
            assertThat(status.get("outboxDepth").asInt()).isZero();
            assertThat(status.get("connection").asText()).isEqualTo("CONNECTED");
            assertThat(status.get("published").asLong()).isEqualTo(expected.size() + 1);
        }
    }

    @Test
    void brokerStoppedAndRestarted_everyAggregateArrivesNoneTwiceBeyondRedelivery() throws Exception {
        List<Captures.Timed> frames = kaifaThreePhase(12);
        Path capture = Captures.write(dir.resolve("kaifa-12min.jsonl"), frames);
        TreeMap<Long, Captures.Expected> expected = Captures.windows(frames, 1); // the last one at the capture's end

        try (Gateway g = startGateway("gw-outage", Map.of("source", "capture", "capture.file", capture.toString(),
                "capture.speed", "60", "publishOffsetSeconds", "0"))) {
            Thread.sleep(2500);
            cloud.broker.stop();
            Thread.sleep(4000); // four minutes of meter time while the broker is away
            assertThat(g.outboxDepth()).isPositive();
            cloud.broker.start();
            assertThat(g.awaitDrained(Duration.ofSeconds(40))).isTrue();
            List<CloudFixture.Received> got = cloud.receiveUntilQuiet(Duration.ofSeconds(2));
            Map<Long, Integer> copies = new HashMap<>();
            for (CloudFixture.Received r : got) {
                if (r.payload() instanceof AggregatePayload p) {
                    copies.merge(p.windowStartEpochS(), 1, Integer::sum);
                    assertWindow(p, expected.get(p.windowStartEpochS()));
                }
            }
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            long duplicates = copies.values().stream().mapToLong(c -> c - 1).sum();
            assertThat(duplicates).as("QoS1 redeliveries (at most the one in flight at the outage)").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void shadow_intervalSetWhileOffline_appliedOnConnect_outOfRangeRejectedAndReported() throws Exception {
        String thing = "gw-shadow";
        cloud.shadows.updateDesired(thing, Map.of("sendIntervalMinutes", 5));
        List<Captures.Timed> frames = kaifaThreePhase(13);
        Path capture = Captures.write(dir.resolve("kaifa-13min.jsonl"), frames);
        try (Gateway g = startGateway(thing, Map.of("source", "capture", "capture.file", capture.toString(),
                "capture.speed", "60", "publishOffsetSeconds", "0"))) {
            JsonNode doc = awaitShadow(thing, d -> d.at("/state/reported/sendIntervalMinutes").asInt() == 5);
            assertThat(doc.at("/state").has("delta")).isFalse();
            assertThat(doc.at("/state/reported/status/connection").asText()).isEqualTo("CONNECTED");
            assertThat(g.awaitDrained(Duration.ofSeconds(60))).isTrue();
            List<AggregatePayload> avg = cloud.receiveUntilQuiet(Duration.ofSeconds(2)).stream()
                    .filter(r -> r.topic().equals("avg/" + thing)).map(r -> (AggregatePayload) r.payload()).toList();
            AggregatePayload last = avg.getLast();
            assertThat(last.intervalMinutes()).isEqualTo(5);
            assertThat(last.windowStartEpochS() % 300).isZero();
            for (int i = 1; i < avg.size(); i++) { // windows never overlap, whatever the interval change
                AggregatePayload a = avg.get(i - 1);
                assertThat(avg.get(i).windowStartEpochS()).isGreaterThanOrEqualTo(a.windowStartEpochS() + a.intervalMinutes() * 60L);
            }

            cloud.shadows.updateDesired(thing, Map.of("sendIntervalMinutes", 99));
            doc = awaitShadow(thing, d -> d.at("/state/reported/sendIntervalRejected/value").asInt() == 99);
            assertThat(doc.at("/state/reported/sendIntervalMinutes").asInt()).isEqualTo(5);
            assertThat(g.status().intervalMinutes()).isEqualTo(5);

            cloud.shadows.updateDesired(thing, Map.of("sendIntervalMinutes", 2));
            doc = awaitShadow(thing, d -> d.at("/state/reported/sendIntervalMinutes").asInt() == 2);
            assertThat(doc.at("/state/reported").has("sendIntervalRejected")).isFalse();
            assertThat(g.status().intervalMinutes()).isEqualTo(2);
        }
    }

    private static JsonNode awaitShadow(String thing, Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Optional<JsonNode> doc = Optional.empty();
        while (System.nanoTime() < end) {
            doc = cloud.shadows.document(thing);
            if (doc.isPresent() && condition.test(doc.get())) {
                return doc.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("shadow of " + thing + " never reached the expected state: " + doc.orElse(null));
    }
}
