package io.amsgrid.fleet;

import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PayloadCodec;
import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.gateway.rotation.CertificateRotationAgent;
import io.amsgrid.fleet.ops.Rotate;
import io.amsgrid.fleet.ops.SetInterval;
import io.amsgrid.fleet.ops.Targets;
import io.amsgrid.fleet.testing.Devices;
import io.amsgrid.fleet.testing.LocalStandIns;
import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.local.meter.CaptureWriter;
import io.amsgrid.local.meter.MeterVendor;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.local.provisioning.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet on the local stand-ins: {@value #LIGHT} light devices (the gateway's real IoT connection,
 * shadow agent and rotation agent, no meter) plus {@value #FULL} full gateways replaying a simulated
 * Kamstrup meter 60 times faster than real time (1 simulated minute = 1 s). {@code set-interval
 * --all} from 1 to 5 minutes must reach every device, and the full gateways' {@code avg} rate must
 * drop about fivefold; then a certificate rotation of 50 devices (the 4 full gateways among them)
 * while they publish must lose no message (the outbox sequence numbers arrive without a gap).
 */
class FleetIT {
    static final int LIGHT = 500;
    static final int FULL = 4;
    static final int ROTATE = 50;
    static final double SPEED = 60;

    @TempDir
    Path dir;

    @Test
    void fleet_setIntervalAllThenRotate50_reachesAllChangesRateLosesNothing() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (LocalStandIns cloud = new LocalStandIns(dir.resolve("cloud"));
             LocalMqttClient data = cloud.subscriber("avg/+", "hr/+", "pf/+");
             LocalFleetControl control = cloud.control()) {
            Map<String, Set<Long>> sequences = new ConcurrentHashMap<>();
            Map<String, AtomicLong> avgCount = new ConcurrentHashMap<>();
            data.onMessage(m -> {
                String thing = m.topic().substring(m.topic().indexOf('/') + 1);
                Payload p = PayloadCodec.decode(m.payload());
                sequences.computeIfAbsent(thing, k -> ConcurrentHashMap.newKeySet()).add(p.sequence());
                if (m.topic().startsWith("avg/")) {
                    avgCount.computeIfAbsent(thing, k -> new AtomicLong()).incrementAndGet();
                }
            });

            // credentials made on each "device", certificates by the local CA, one registry write
            long t0 = System.nanoTime();
            LocalCsrSigner signer = new LocalCsrSigner(cloud.broker.ca().caCertificate(), Duration.ofDays(365));
            Map<String, LocalCsrSigner.Signed> certs = new LinkedHashMap<>();
            List<String> fullThings = new ArrayList<>();
            List<String> lightThings = new ArrayList<>();
            for (int i = 0; i < FULL; i++) {
                fullThings.add(String.format("gw-full-%02d", i));
            }
            for (int i = 0; i < LIGHT; i++) {
                lightThings.add(String.format("gw-%04d", i));
            }
            Map<String, List<String>> groups = new HashMap<>();
            List<String> rotating = new ArrayList<>(fullThings);
            rotating.addAll(lightThings.subList(0, ROTATE - FULL));
            rotating.forEach(t -> groups.put(t, List.of("rotate-test")));
            Map<String, LocalCsrSigner.Signed> made = new ConcurrentHashMap<>();
            concat(fullThings, lightThings).parallelStream().forEach(t ->
                    made.put(t, Devices.credentials(signer, t, dir.resolve("dev").resolve(t))));
            concat(fullThings, lightThings).forEach(t -> certs.put(t, made.get(t)));
            Devices.registerAll(cloud.registry, certs, groups);
            figures.put("credentials and registry for " + certs.size() + " devices (s)", seconds(t0));

            List<Gateway> gateways = new ArrayList<>();
            for (int i = 0; i < FULL; i++) {
                gateways.add(startFull(cloud, fullThings.get(i), i));
            }
            t0 = System.nanoTime();
            List<Devices.Light> lights = new ArrayList<>();
            for (String t : lightThings) {
                lights.add(new Devices.Light(cloud, t, dir.resolve("dev").resolve(t)).startConnecting());
            }
            for (Devices.Light l : lights) {
                assertThat(l.connection.awaitConnected(30_000)).as(l.thing + " connected").isTrue();
            }
            figures.put("connect " + LIGHT + " light devices (s)", seconds(t0));
            awaitReported(cloud, concat(fullThings, lightThings), 1, Duration.ofSeconds(60));

            // data rate before
            Thread.sleep(3000);
            double before = avgPerSecond(avgCount, fullThings, Duration.ofSeconds(15));

            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            SetInterval.Summary s = SetInterval.run(control, new Targets.All(), 5, 200, dir.resolve("set-interval.progress"),
                    Duration.ofSeconds(60), new PrintStream(progress, true), true);
            figures.put("set-interval --all --minutes 5 --rate 200 (s, incl. waiting for reports)", s.elapsed().toMillis() / 1000.0);
            assertThat(s.targets()).isEqualTo(LIGHT + FULL);
            assertThat(s.updated()).isEqualTo(LIGHT + FULL);
            assertThat(s.failed()).isEmpty();
            assertThat(s.notReported()).isEmpty();
            assertThat(progress.toString()).contains((LIGHT + FULL) + "/" + (LIGHT + FULL));
            assertThat(lights).allMatch(l -> l.intervalMinutes.get() == 5);

            // resumable: a re-run skips every device
            SetInterval.Summary again = SetInterval.run(control, new Targets.All(), 5, 200,
                    dir.resolve("set-interval.progress"), Duration.ofSeconds(10), new PrintStream(new ByteArrayOutputStream()), true);
            assertThat(again.skippedAlreadyDone()).isEqualTo(LIGHT + FULL);
            assertThat(again.updated()).isZero();

            Thread.sleep(6000); // the new interval starts at the end of the current window
            double after = avgPerSecond(avgCount, fullThings, Duration.ofSeconds(20));
            figures.put("avg messages per gateway per real second, interval 1 min (60 sim-min/s)", round(before));
            figures.put("avg messages per gateway per real second, interval 5 min", round(after));
            assertThat(before).isBetween(0.7, 1.3);
            assertThat(after).isLessThan(before / 3);

            // rotation of 50 devices while the full gateways publish
            Map<String, String> oldCerts = new HashMap<>();
            rotating.forEach(t -> oldCerts.put(t, certs.get(t).certificateId()));
            t0 = System.nanoTime();
            Rotate.Summary r = Rotate.run(control, new Targets.Group("rotate-test"), 100, dir.resolve("rotate.progress"),
                    Rotate.newRequestId(), Duration.ofSeconds(180), new PrintStream(new ByteArrayOutputStream()), true);
            figures.put("rotate " + ROTATE + " devices mid-stream (s)", seconds(t0));
            assertThat(r.notFinished()).isEmpty();
            assertThat(r.rejected()).isEmpty();
            assertThat(cloud.rotation.engine().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(cloud.rotation.counts()).containsEntry("ISSUED", (long) ROTATE);
            assertThat(r.retired()).hasSize(ROTATE).containsAllEntriesOf(oldCerts);
            LocalRegistry.Contents reg = cloud.registry.read();
            for (String t : rotating) {
                assertThat(reg.certificates()).doesNotContainKey(oldCerts.get(t));
                List<String> ids = reg.things().get(t).certificateIds();
                assertThat(ids).hasSize(1).doesNotContain(oldCerts.get(t));
                assertThat(reg.certificates().get(ids.getFirst()).status()).isEqualTo("ACTIVE");
                assertThat(CertificateRotationAgent.certificateId(dir.resolve("dev").resolve(t).resolve("device.crt")))
                        .isEqualTo(ids.getFirst());
            }
            for (Devices.Light l : lights.subList(0, ROTATE - FULL)) {
                assertThat(l.connection.awaitConnected(10_000)).isTrue();
            }

            // no data lost: every full gateway's sequence numbers arrive without a gap
            Thread.sleep(8000);
            for (Gateway g : gateways) {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (g.outboxDepth() > 0 && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
            }
            Thread.sleep(1000);
            for (String t : fullThings) {
                TreeSet<Long> seq = new TreeSet<>(sequences.get(t));
                assertThat(seq.last() - seq.first() + 1).as(t + " sequence numbers without gap").isEqualTo(seq.size());
                assertThat(seq.size()).isGreaterThan(40);
            }
            figures.put("messages received from the full gateways", fullThings.stream().mapToInt(t -> sequences.get(t).size()).sum());
            gateways.forEach(Gateway::close);
            lights.forEach(Devices.Light::close);
        } finally {
            StringBuilder b = new StringBuilder();
            figures.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
            Files.writeString(Path.of("target", "fleet-figures.txt"), b.toString());
            System.out.println("FLEET FIGURES\n" + b);
        }
    }

    private Gateway startFull(LocalStandIns cloud, String thing, int index) throws Exception {
        Path d = dir.resolve("dev").resolve(thing);
        // the capture starts now: the gateway's replay clock only moves forward from the wall clock
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        SimulatedMeter meter = SimulatedMeter.ofFleet(MeterVendor.KAMSTRUP, 3, index, start);
        Path capture = d.resolve("meter.capture");
        try (CaptureWriter w = new CaptureWriter(capture)) {
            for (SimulatedMeter.Frame f : meter.framesUntil(start.plus(Duration.ofHours(4)))) {
                w.write(f.time(), f.bytes());
            }
        }
        Properties p = new Properties();
        p.setProperty("thing", thing);
        p.setProperty("endpoint", cloud.broker.host());
        p.setProperty("port", Integer.toString(cloud.broker.port()));
        p.setProperty("certificate", "device.crt");
        p.setProperty("privateKey", "device.key");
        p.setProperty("caCertificate", cloud.broker.ca().caCertificate().toString());
        p.setProperty("source", "capture");
        p.setProperty("capture.file", "meter.capture");
        p.setProperty("capture.speed", Double.toString(SPEED));
        p.setProperty("publishOffsetSeconds", "0");
        p.setProperty("dataDir", "data");
        p.setProperty("reconnect.minMs", "100");
        p.setProperty("reconnect.maxMs", "1000");
        GatewayConfig config = GatewayConfig.of(p, d);
        Gateway g = new Gateway(config, Clock.systemUTC());
        g.start(); // attaches the certificate rotation agent (rotation.enabled defaults to true)
        return g;
    }

    private static void awaitReported(LocalStandIns cloud, List<String> things, int minutes, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> missing = things;
        while (System.nanoTime() < end) {
            missing = things.stream().filter(t -> cloud.shadows.document(t).map(d -> d.path("state").path("reported")
                    .path("sendIntervalMinutes").asInt(-1) != minutes).orElse(true)).toList();
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(missing).as("devices that never reported").isEmpty();
    }

    private static double avgPerSecond(Map<String, AtomicLong> counts, List<String> things, Duration window)
            throws InterruptedException {
        long before = things.stream().mapToLong(t -> counts.getOrDefault(t, new AtomicLong()).get()).sum();
        Thread.sleep(window.toMillis());
        long after = things.stream().mapToLong(t -> counts.getOrDefault(t, new AtomicLong()).get()).sum();
        return (after - before) / (double) things.size() / window.toSeconds();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static double seconds(long t0) {
        return round((System.nanoTime() - t0) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
