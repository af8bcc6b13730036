package io.amsgrid.cli.fleet;

import io.amsgrid.cli.Amsgrid;
import io.amsgrid.fleet.control.LocalEnvironment;
import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.ingest.IngestOutcome;
import io.amsgrid.lambdas.ingest.IngestProcessor;
import io.amsgrid.lambdas.ingest.RawFrameDecoder;
import io.amsgrid.lambdas.store.ReadingTable;
import io.amsgrid.local.dynamodb.Dynalite;
import io.amsgrid.local.meter.CaptureWriter;
import io.amsgrid.local.meter.MeterVendor;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.local.provisioning.LocalRegistry;
import io.amsgrid.local.provisioning.ProvisioningResponder;
import io.amsgrid.local.rules.LocalRulesEngine;
import io.amsgrid.local.s3.LocalS3;
import io.amsgrid.local.shadow.ShadowService;
import io.amsgrid.rules.IngestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From device key to data on disk, through the command line, on the local stand-ins:
 * {@code gateway provision} (claim) &rarr; the gateway publishes a replayed meter &rarr; local IoT
 * rules &rarr; ingest handler &rarr; dynalite &rarr; {@code data export} (export handler in process)
 * &rarr; S3 stand-in &rarr; {@code data pull} (again: nothing downloaded); plus {@code fleet register},
 * {@code fleet set-interval} and {@code fleet status}.
 */
class EndToEndIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Amsgrid.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void provisionPublishExportPull_localStandIns_csvOnDisk() throws Exception {
        try (LocalBroker broker = LocalBroker.start(dir.resolve("broker"));
             ShadowService shadows = ShadowService.start(broker);
             Dynalite dynalite = Dynalite.start();
             LocalS3 s3 = LocalS3.startTransient()) {
            LocalRegistry registry = new LocalRegistry(dir.resolve("registry.json"));
            ProvisioningResponder responder = ProvisioningResponder.start(broker, registry, Duration.ofDays(365), List.of(
                    new ProvisioningResponder.Template("amsgrid-gateway", "SerialNumber", "amsgrid-gateway",
                            "amsgrid-fleet", "amsgrid-device")));
            LambdaSettings settings = LambdaSettings.local("amsgrid-readings", "amsgrid-data", dynalite.endpoint(),
                    s3.endpoint());
            AwsClients clients = AwsClients.create(settings, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
            ReadingTable.create(clients.dynamoDb(), "amsgrid-readings");
            clients.s3().createBucket(b -> b.bucket("amsgrid-data"));
            IngestProcessor processor = IngestProcessor.create(settings, clients, RawFrameDecoder.UNAVAILABLE);
            AtomicInteger stored = new AtomicInteger();
            Path local = dir.resolve("local");
            new LocalEnvironment(broker.host(), broker.port(), broker.ca().caCertificate().toString(),
                    broker.log().toString(), registry.file().toString(), s3.endpoint().toString(), s3.accessKey(),
                    s3.secretKey(), "amsgrid-data", dynalite.endpoint().toString(), "amsgrid-readings").write(local);

            try (LocalRulesEngine rules = LocalRulesEngine.start(broker, IngestRules.all(), (rule, event) -> {
                if (processor.process(event).status() == IngestOutcome.Status.STORED) {
                    stored.incrementAndGet();
                }
            }, (failed, attempts) -> { }, 2, Duration.ofMillis(200))) {
                // the gateway: claim provisioning through the CLI, then a replayed meter
                Path device = dir.resolve("device");
                Files.createDirectories(device);
                // the replay clock starts at the wall clock, and ingest refuses readings more than 5 min
                // ahead of the receive time: 4 simulated minutes starting in the next minute
                Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
                try (CaptureWriter w = new CaptureWriter(device.resolve("meter.capture"))) {
                    SimulatedMeter m = SimulatedMeter.ofFleet(MeterVendor.KAMSTRUP, 3, 7, start);
                    m.framesUntil(start.plus(Duration.ofMinutes(4))).forEach(f -> w.write(f.time(), f.bytes()));
                }
                LocalCa.Issued claim = broker.ca().issueClient("amsgrid-claim");
                Run p = run("gateway", "provision", "--claim-cert", claim.certificate().toString(), "--claim-key",
                        claim.privateKey().toString(), "--ca", broker.ca().caCertificate().toString(), "--endpoint",
                        broker.host() + ":" + broker.port(), "--thing", "gw-e2e-01", "--out", device.toString(),
                        "--set", "source=capture", "--set", "capture.file=meter.capture", "--set", "capture.speed=0",
                        "--set", "publishOffsetSeconds=0");
                assertThat(p.exit()).as(p.err()).isZero();
                assertThat(p.out()).contains("registered as gw-e2e-01");

                try (Gateway g = new Gateway(GatewayConfig.load(device.resolve("gateway.properties")), Clock.systemUTC())) {
                    g.start();
                    assertThat(g.awaitDrained(Duration.ofSeconds(60))).isTrue();
                }
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (stored.get() < 3 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                assertThat(stored.get()).isGreaterThanOrEqualTo(3);

                // export and pull through the CLI
                LocalDate from = LocalDate.ofInstant(start, ZoneId.of("Europe/Oslo"));
                LocalDate to = from.plusDays(1);
                Run e = run("data", "export", "--local", local.toString(), "--meter", "gw-e2e-01", "--kind", "avg",
                        "--from", from.toString(), "--to", to.toString());
                assertThat(e.exit()).as(e.err()).isZero();
                Path out = dir.resolve("csv");
                Run pull = run("data", "pull", "--local", local.toString(), "--meter", "gw-e2e-01", "--kind", "avg",
                        "--from", from.toString(), "--to", to.toString(), "--out", out.toString());
                assertThat(pull.exit()).as(pull.err()).isZero();
                List<Path> files;
                try (Stream<Path> s = Files.walk(out)) {
                    files = s.filter(f -> f.toString().endsWith(".csv")).toList();
                }
                assertThat(files).isNotEmpty();
                long rows = 0;
                for (Path f : files) {
                    rows += Files.readAllLines(f).size() - 1;
                }
                assertThat(rows).isGreaterThanOrEqualTo(3);
                Run again = run("data", "pull", "--local", local.toString(), "--meter", "gw-e2e-01", "--kind", "avg",
                        "--from", from.toString(), "--to", to.toString(), "--out", out.toString());
                assertThat(again.out()).contains("0 downloaded").contains(files.size() + " unchanged");

                // operator commands on the same stand-ins
                Run reg = run("fleet", "register", "--local", local.toString(), "--thing", "gw-op-01", "--out",
                        dir.resolve("bundle").toString());
                assertThat(reg.exit()).as(reg.err()).isZero();
                assertThat(GatewayConfig.load(dir.resolve("bundle/gateway.properties")).thing()).isEqualTo("gw-op-01");
                Run set = run("fleet", "set-interval", "--local", local.toString(), "--thing", "gw-e2e-01", "--minutes", "5",
                        "--wait-seconds", "1", "--progress-file", dir.resolve("p").toString());
                assertThat(set.exit()).as(set.err()).isZero();
                assertThat(set.out()).contains("1 devices: 1 updated").contains("1 not yet reporting");
                assertThat(shadows.document("gw-e2e-01").orElseThrow().path("state").path("desired")
                        .path("sendIntervalMinutes").asInt()).isEqualTo(5);
                Run status = run("fleet", "status", "--local", local.toString(), "--all");
                assertThat(status.exit()).as(status.err()).isZero();
                assertThat(status.out()).contains("gw-e2e-01").contains("gw-op-01");
                Run unknown = run("fleet", "set-interval", "--local", local.toString(), "--thing", "nope", "--minutes", "5");
                assertThat(unknown.exit()).isEqualTo(1);
                assertThat(unknown.err().strip()).contains("no thing named nope").doesNotContain("\tat ");
            } finally {
                responder.close();
            }
        }
    }
}
