package io.amsgrid.analysis.lambda;

import io.amsgrid.analysis.sim.FeederSimulator;
import io.amsgrid.analysis.sim.SimConfig;
import io.amsgrid.analysis.sim.SimResult;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled analysis against a real S3-compatible server (s3proxy on loopback) with the real SDK client. */
class ScheduledAnalysisHandlerIT {

    private static final String BUCKET = "amsgrid-data";

    @TempDir
    Path dir;
    private S3Proxy proxy;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.identity", "access");
        p.setProperty("jclouds.credential", "secret");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", p)).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret").build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().endpointOverride(endpoint).region(Region.EU_NORTH_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        proxy.stop();
    }

    @Test
    void handleRequest_scheduledEvent_writesReportAndPublishesMetrics() throws Exception {
        SimResult sim = FeederSimulator.run(SimConfig.defaults(5).withDays(1).withTransformers(2));
        sim.write(dir);
        try (var files = Files.walk(dir.resolve("csv"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                s3.putObject(b -> b.bucket(BUCKET).key("csv/" + dir.resolve("csv").relativize(f).toString().replace('\\', '/')),
                        RequestBody.fromFile(f));
            }
        }
        s3.putObject(b -> b.bucket(BUCKET).key("topology/topology.csv"), RequestBody.fromFile(dir.resolve("topology.csv")));
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        AnalysisSettings settings = new AnalysisSettings(BUCKET, "csv/", "reports/", "topology/topology.csv", 7,
                ZoneId.of("Europe/Oslo"), "amsgrid/analysis");
        ScheduledAnalysisHandler handler = new ScheduledAnalysisHandler(
                new ReportJob(settings, s3, new EmfMetrics(settings.metricsNamespace(), new PrintStream(emf, true, StandardCharsets.UTF_8))));

        // EventBridge fires at 02:00 local on 2026-04-28: the report is for 2026-04-27 (the simulated day)
        Map<String, Object> result = handler.handleRequest(Map.of("time", "2026-04-28T00:00:00Z", "detail", Map.of()), null);

        assertThat(result).containsEntry("date", "2026-04-27").containsEntry("status", "REPORTED")
                .containsEntry("meters", sim.meters().size()).containsEntry("reportKey", "reports/2026-04-27/index.html");
        String html = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/2026-04-27/index.html")).asUtf8String();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg");
        String findings = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/2026-04-27/findings.json")).asUtf8String();
        assertThat(findings).contains(sim.truth().wrongTransformer().get(0).meterId());
        String lines = emf.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("\"Namespace\":\"amsgrid/analysis\"", "\"WrongTransformerFlags\":1",
                "\"MetersAnalysed\":" + sim.meters().size(), "\"FaultSuspicions\":", "\"Report\":\"daily\"");
    }

    @Test
    void handleRequest_dayWithoutData_noDataNotAnError() {
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        AnalysisSettings settings = new AnalysisSettings(BUCKET, "csv/", "reports/", "", 1, ZoneId.of("Europe/Oslo"), "ns");
        ScheduledAnalysisHandler handler = new ScheduledAnalysisHandler(
                new ReportJob(settings, s3, new EmfMetrics("ns", new PrintStream(emf, true, StandardCharsets.UTF_8))));
        Map<String, Object> result = handler.handleRequest(Map.of("date", "2026-01-01"), null);
        assertThat(result).containsEntry("status", "NO_DATA").containsEntry("meters", 0);
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"MetersAnalysed\":0");
    }
}
