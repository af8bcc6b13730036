package io.amsgrid.gateway;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.source.CaptureFormat;
import io.amsgrid.gateway.testing.Captures;
import io.amsgrid.gateway.testing.CloudFixture;
import io.amsgrid.gateway.testing.TestVectors;
import io.amsgrid.local.clock.AcceleratedClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A real pseudo-terminal pair (socat): real Kamstrup frames are written into one end, the gateway
 * reads the other end through jSerialComm with parity {@code auto}. The gateway's clock runs 60x
 * (one minute per second), so one-minute windows close quickly.
 */
class SerialPtyIT {
    @TempDir
    static Path dir;
    static CloudFixture cloud;
    static Process socat;

    @BeforeAll
    static void start() throws Exception {
        cloud = new CloudFixture(dir);
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("ttyA"),
                "pty,raw,echo=0,link=" + dir.resolve("ttyB")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(dir.resolve("ttyA")) && Files.exists(dir.resolve("ttyB")))) {
            assertThat(System.nanoTime()).as("socat created the PTY pair").isLessThan(end);
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
        cloud.close();
    }

    @Test
    void serialPty_realFrames_aggregatesHourlyRawAndRecording() throws Exception {
        TestVectors.Frame a = TestVectors.frame("no-kamstrup-l2-3ph-amsr-em001");
        TestVectors.Frame b = TestVectors.frame("no-kamstrup-l2-3ph-amsr-gh862");
        TestVectors.Frame l3 = TestVectors.frame("se-kamstrup-l3-3ph-amsr-gh239");
        List<TestVectors.Frame> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(i % 2 == 0 ? a : b);
        }
        sent.add(l3);
        Path record = dir.resolve("recorded.jsonl");
        Path cfg = cloud.gatewayConfig("gw-pty", Map.of("source", "serial", "serial.port", dir.resolve("ttyB").toString(),
                "serial.parity", "auto", "publishOffsetSeconds", "0", "raw.forward", "true", "record", record.toString()));
        Instant start = Instant.parse("2026-11-25T12:00:00Z");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (Gateway g = new Gateway(GatewayConfig.load(cfg), AcceleratedClock.startingAt(start, 60))) {
            g.start();
            Thread.sleep(500); // port open
            try (OutputStream pty = Files.newOutputStream(dir.resolve("ttyA"))) {
                for (TestVectors.Frame f : sent) {
                    pty.write(f.bytes());
                    pty.flush();
                    written.writeBytes(f.bytes());
                    Thread.sleep(100); // six seconds of meter time
                }
            }
            Thread.sleep(2500); // the last windows close (2.5 min of gateway time)
            List<CloudFixture.Received> got = cloud.receiveUntilQuiet(Duration.ofSeconds(2));
            assertThat(g.status().rejectTotal()).isZero();
            assertThat(g.status().framesOk()).isEqualTo(sent.size());

            List<byte[]> raw = got.stream().filter(r -> r.topic().equals("raw/gw-pty")).map(CloudFixture.Received::bytes).toList();
            assertThat(raw).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(raw.get(i)).as("raw frame %d", i).isEqualTo(sent.get(i).bytes());
            }

            List<AggregatePayload> avg = got.stream().filter(r -> r.topic().equals("avg/gw-pty"))
                    .map(r -> (AggregatePayload) r.payload()).toList();
            assertThat(avg.size()).isBetween(3, 8); // about 4-5 minutes of gateway time
            for (Measurement m : List.of(Measurement.ACTIVE_IMPORT_W, Measurement.CURRENT_L1_A, Measurement.VOLTAGE_L2_V)) {
                double sum = 0;
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                for (TestVectors.Frame f : sent) {
                    double v = Captures.reading(f).values().get(m);
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                int samples = avg.stream().mapToInt(p -> p.measurements().get(m).samples()).sum();
                double weighted = avg.stream().mapToDouble(p -> p.measurements().get(m).avg() * (double) p.measurements().get(m).samples()).sum();
                assertThat(samples).as("%s: every frame counted once", m).isEqualTo(sent.size());
                assertThat(weighted).as("%s: sum of samples", m).isCloseTo(sum, within(Math.abs(sum) * 1e-5));
                float fmin = (float) min;
                float fmax = (float) max;
                assertThat(avg).allSatisfy(p -> assertThat(p.measurements().get(m).min()).isBetween(fmin, fmax));
                assertThat(avg).anySatisfy(p -> assertThat(p.measurements().get(m).max()).isEqualTo(fmax));
                assertThat(avg).anySatisfy(p -> assertThat(p.measurements().get(m).min()).isEqualTo(fmin));
            }

            HourlyPayload hr = got.stream().filter(r -> r.topic().equals("hr/gw-pty")).map(r -> (HourlyPayload) r.payload())
                    .findFirst().orElseThrow();
            MeterReading r3 = Captures.reading(l3);
            assertThat(hr.registers().get(Measurement.ACTIVE_IMPORT_WH)).isEqualTo(Math.round(r3.values().get(Measurement.ACTIVE_IMPORT_WH)));
            assertThat(hr.registers().get(Measurement.REACTIVE_EXPORT_VARH)).isEqualTo(Math.round(r3.values().get(Measurement.REACTIVE_EXPORT_VARH)));
        }
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        long lineNo = 0;
        for (String line : Files.readAllLines(record)) {
            recorded.writeBytes(CaptureFormat.parse(line, ++lineNo).bytes());
        }
        assertThat(recorded.toByteArray()).isEqualTo(written.toByteArray());
    }
}
