package io.amsgrid.fleet;

import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.fleet.ops.Rotate;
import io.amsgrid.fleet.ops.Targets;
import io.amsgrid.fleet.testing.Devices;
import io.amsgrid.fleet.testing.LocalStandIns;
import io.amsgrid.gateway.rotation.CertificateRotationAgent;
import io.amsgrid.local.meter.CaptureWriter;
import io.amsgrid.local.meter.MeterVendor;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production gateway process ({@code GatewayMain} on device-sdk's runtime classpath, exactly as
 * {@code ./amsgrid gateway --config FILE} starts it, with a real config file) rotates its certificate
 * through the local rotation service (rotation rule + Lambda handler under the local rules engine),
 * replaces the configured certificate and key files, keeps publishing, and after a restart connects
 * with the new certificate (the old one is deleted by then).
 */
class GatewayProcessRotationIT {
    static final String THING = "gw-proc-rot";

    @TempDir
    Path dir;

    @Test
    void gatewayProcess_rotationRequested_replacesFilesAndKeepsPublishing() throws Exception {
        try (LocalStandIns cloud = new LocalStandIns(dir.resolve("cloud"));
             LocalMqttClient data = cloud.subscriber("avg/" + THING);
             LocalFleetControl control = cloud.control()) {
            AtomicInteger avg = new AtomicInteger();
            data.onMessage(m -> avg.incrementAndGet());
            Path d = dir.resolve("gw");
            LocalCsrSigner signer = new LocalCsrSigner(cloud.broker.ca().caCertificate(), Duration.ofDays(365));
            LocalCsrSigner.Signed old = Devices.credentials(signer, THING, d.resolve("tls"));
            Path cert = d.resolve("tls").resolve("gateway-cert.pem");
            Path key = d.resolve("tls").resolve("gateway-key.pem");
            Files.move(d.resolve("tls").resolve("device.crt"), cert);
            Files.move(d.resolve("tls").resolve("device.key"), key);
            Devices.registerAll(cloud.registry, Map.of(THING, old), Map.of());
            Path config = writeConfig(cloud, d);

            Process gateway = start(config, d.resolve("gateway.log"));
            try {
                awaitAtLeast(avg, 2, Duration.ofSeconds(60), d);
                Rotate.Summary s = Rotate.run(control, new Targets.One(THING), 50, d.resolve("rotate.progress"),
                        Rotate.newRequestId(), Duration.ofSeconds(40), new PrintStream(new ByteArrayOutputStream()), true);
                assertThat(s.notFinished()).as(log(d)).isEmpty();
                assertThat(s.retired()).containsEntry(THING, old.certificateId());

                List<String> ids = cloud.registry.thing(THING).orElseThrow().certificateIds();
                assertThat(ids).hasSize(1).doesNotContain(old.certificateId());
                assertThat(CertificateRotationAgent.certificateId(cert)).isEqualTo(ids.getFirst());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
                int afterRotation = avg.get();
                awaitAtLeast(avg, afterRotation + 3, Duration.ofSeconds(60), d);
            } finally {
                stop(gateway);
            }

            // a restart reads the configured files: the new certificate (the old one no longer exists)
            int beforeRestart = avg.get();
            Process again = start(config, d.resolve("gateway.log"));
            try {
                awaitAtLeast(avg, beforeRestart + 2, Duration.ofSeconds(60), d);
            } finally {
                stop(again);
            }
        }
    }

    private static Path writeConfig(LocalStandIns cloud, Path d) throws IOException {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
        SimulatedMeter meter = SimulatedMeter.ofFleet(MeterVendor.KAMSTRUP, 1, 0, start);
        try (CaptureWriter w = new CaptureWriter(d.resolve("meter.capture"))) {
            for (SimulatedMeter.Frame f : meter.framesUntil(start.plus(Duration.ofHours(6)))) {
                w.write(f.time(), f.bytes());
            }
        }
        Path config = d.resolve("gateway.conf");
        Files.writeString(config, String.join("\n",
                "thing = " + THING,
                "endpoint = " + cloud.broker.host(),
                "port = " + cloud.broker.port(),
                "certificate = tls/gateway-cert.pem",
                "privateKey = tls/gateway-key.pem",
                "caCertificate = " + cloud.broker.ca().caCertificate(),
                "source = capture",
                "capture.file = meter.capture",
                "capture.speed = 60",
                "publishOffsetSeconds = 0",
                "dataDir = data",
                "reconnect.minMs = 100",
                "reconnect.maxMs = 1000",
                ""));
        return config;
    }

    /** As the {@code ./amsgrid} launcher: device-sdk's classes and runtime classpath only. */
    private static Process start(Path config, Path log) throws IOException {
        Path target = Path.of("..", "device-sdk", "target").toAbsolutePath().normalize();
        Path classpathFile = target.resolve("classpath.txt");
        assertThat(classpathFile).as("device-sdk packaged (mvn verify -pl device-sdk,fleet)").exists();
        String cp = target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
        assertThat(cp).doesNotContain("bcprov");
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx48m", "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "io.amsgrid.gateway.GatewayMain", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private static void awaitAtLeast(AtomicInteger n, int wanted, Duration timeout, Path d) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (n.get() < wanted && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(n.get()).as("avg messages; gateway log:\n" + log(d)).isGreaterThanOrEqualTo(wanted);
    }

    private static String log(Path d) {
        try {
            return Files.readString(d.resolve("gateway.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
