package io.amsgrid.gateway;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import io.amsgrid.gateway.testing.Captures;
import io.amsgrid.gateway.testing.CloudFixture;
import io.amsgrid.gateway.testing.GatewayProcess;
import io.amsgrid.gateway.testing.TestVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power loss, the hard way: a single-phase Kaifa meter's frames replayed into a gateway process
 * while the broker is down; the power-fail trigger fires; the process is SIGKILLed; one journal
 * record is damaged. After a restart (broker back) the pf data is published first, the damaged
 * record skipped, and every aggregate stored before the kill arrives.
 */
class GatewayRestartIT {
    private static final Instant T0 = Instant.parse("2025-03-02T11:00:00Z");
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
    void sigkillAfterPowerFail_restart_pfFirstThenOutboxReplayed_damagedJournalRecordSkipped() throws Exception {
        TestVectors.Frame list2 = TestVectors.frame("no-kaifa-l2-1ph-elwiz");
        List<Captures.Timed> frames = new ArrayList<>(Captures.schedule(T0.plusSeconds(1), 2, 600,
                List.of(TestVectors.frame("no-kaifa-l1-elwiz"))));
        frames.addAll(Captures.schedule(T0, 10, 120, List.of(list2)));
        frames.sort(Comparator.comparing(Captures.Timed::at));
        Path capture = Captures.write(dir.resolve("kaifa-1ph-20min.jsonl"), frames);
        TreeMap<Long, Captures.Expected> expected = Captures.windows(frames, 1);
        Path trigger = dir.resolve("pf.trigger");
        Path data = dir.resolve("data-gw-pf");
        Path config = cloud.gatewayConfig("gw-pf", Map.of("source", "capture", "capture.file", capture.toString(),
                "capture.speed", "60", "publishOffsetSeconds", "0", "powerfail.triggerFile", trigger.toString()));

        cloud.broker.stop(); // the gateway runs offline: everything stays in its outbox
        Process first = GatewayProcess.start(config, dir.resolve("gateway-1.log"));
        Path journal = data.resolve("powerfail.journal");
        awaitStored(data.resolve("outbox"), 3); // three minutes of meter time at least
        Files.createFile(trigger);
        awaitFile(journal);
        Thread.sleep(300);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        assertThat(first.exitValue()).isEqualTo(137);
        Files.delete(trigger);
        Files.copy(dir.resolve("gateway-1.log"), Path.of("target", "GatewayRestartIT-gateway-1.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // for a look after a failure

        long storedAvg;
        try (Stream<Path> s = Files.list(data.resolve("outbox"))) {
            storedAvg = s.filter(p -> p.getFileName().toString().endsWith("-avg.rec")).count();
        }
        assertThat(storedAvg).isGreaterThanOrEqualTo(3);
        byte[] j = Files.readAllBytes(journal);
        int samplesWritten = j.length / 26 - 1;
        assertThat(samplesWritten).isBetween(8, 10); // 90 s of List 2 every 10 s
        j[2 * 26 + 5] ^= 0x20; // damage the second voltage sample
        Files.write(journal, j);

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path config2 = cloud.gatewayConfig("gw-pf", Map.of("source", "capture", "capture.file", empty.toString(),
                "capture.speed", "60", "publishOffsetSeconds", "0", "powerfail.triggerFile", trigger.toString()));
        assertThat(config2).isEqualTo(config);
        cloud.broker.start();
        Process second = GatewayProcess.start(config, dir.resolve("gateway-2.log"));
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("gateway drained its outbox and exited").isTrue();
        assertThat(second.exitValue()).isZero();

        List<CloudFixture.Received> got = cloud.receiveUntilQuiet(Duration.ofSeconds(2));
        assertThat(got).isNotEmpty();
        assertThat(got.getFirst().topic()).isEqualTo("pf/gw-pf");
        PowerFailPayload pf = (PowerFailPayload) got.getFirst().payload();
        assertThat(pf.reason()).isEqualTo(PowerFailReason.TRIGGER);
        assertThat(pf.samples()).hasSize(samplesWritten - 1);
        MeterReading r2 = Captures.reading(list2);
        for (PowerFailPayload.VoltageSample s : pf.samples()) {
            assertThat(s.voltagesV()).containsOnlyKeys(Measurement.VOLTAGE_L1_V)
                    .containsEntry(Measurement.VOLTAGE_L1_V, r2.values().get(Measurement.VOLTAGE_L1_V).floatValue());
        }
        assertThat(Files.exists(journal)).as("journal cleared after its records were queued").isFalse();

        List<AggregatePayload> avg = got.stream().filter(r -> r.payload() instanceof AggregatePayload)
                .map(r -> (AggregatePayload) r.payload()).toList();
        assertThat(avg).hasSize((int) storedAvg);
        assertThat(avg).extracting(AggregatePayload::windowStartEpochS).doesNotHaveDuplicates()
                .containsExactlyElementsOf(expected.keySet().stream().limit(storedAvg).toList());
        for (AggregatePayload p : avg) {
            GatewayIT.assertWindow(p, expected.get(p.windowStartEpochS()));
        }
    }

    private static void awaitStored(Path outbox, int avgRecords) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> s = Files.list(outbox)) {
                    if (s.filter(p -> p.getFileName().toString().endsWith("-avg.rec")).count() >= avgRecords) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not store " + avgRecords + " aggregates in 30 s");
    }

    private static void awaitFile(Path f) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(f)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(f + " never appeared");
    }
}
