package io.amsgrid.lambdas;

import io.amsgrid.lambdas.testing.LocalAws;
import io.amsgrid.lambdas.testing.ShadedJarMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment jar {@code target/amsgrid-lambdas.jar} on its own in a child JVM, configured by
 * environment variables only (as the CDK app sets them), against dynalite and s3proxy.
 */
class ShadedJarIT {
    static LocalAws aws;

    @BeforeAll
    static void start() {
        aws = new LocalAws();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String run(String handler, String fixture) throws Exception {
        Path jar = Path.of("target/amsgrid-lambdas.jar");
        assertThat(jar).as("built by the package phase").exists();
        Path testClasses = Path.of(ShadedJarMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path mainOnly = Files.createTempDirectory("shaded-main");
        Path targetDir = mainOnly.resolve("io/amsgrid/lambdas/testing");
        Files.createDirectories(targetDir);
        try (var classes = Files.newDirectoryStream(testClasses.resolve("io/amsgrid/lambdas/testing"), "ShadedJarMain*.class")) {
            for (Path c : classes) {
                Files.copy(c, targetDir.resolve(c.getFileName().toString()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toAbsolutePath() + File.pathSeparator + mainOnly, ShadedJarMain.class.getName(), handler,
                testClasses.resolve("events/" + fixture).toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("TABLE_NAME", LocalAws.TABLE);
        env.put("BUCKET_NAME", LocalAws.BUCKET);
        env.put("AWS_REGION", "eu-north-1");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynalite.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", aws.s3.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", aws.s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", aws.s3.secretKey());
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void jar_holdsTheRotationHandlerAndIotClientsButNoDeviceSdk() throws Exception {
        try (var jar = new java.util.jar.JarFile("target/amsgrid-lambdas.jar")) {
            List<String> names = jar.stream().map(java.util.jar.JarEntry::getName).toList();
            assertThat(names).contains("io/amsgrid/lambdas/rotation/RotationHandler.class",
                    "software/amazon/awssdk/services/iot/IotClient.class",
                    "software/amazon/awssdk/services/iotdataplane/IotDataPlaneClient.class",
                    "software/amazon/awssdk/http/apache5/Apache5HttpClient.class");
            assertThat(names).noneMatch(n -> n.startsWith("io/amsgrid/gateway/") || n.startsWith("io/amsgrid/local/")
                    || n.startsWith("software/amazon/awssdk/crt/") || n.startsWith("org/bouncycastle/"));
        }
    }

    @Test
    void ingestHandler_fromEnvironment_storesAndLogsJson() throws Exception {
        String output = run("ingest", "avg-binary.json");
        assertThat(output).contains("RESULT {\"status\":\"STORED\"");
        String duplicate = run("ingest", "avg-binary.json");
        assertThat(duplicate).contains("RESULT {\"status\":\"DUPLICATE\"");
        List<String> jsonLogs = duplicate.lines().filter(l -> l.contains("\"message\":\"duplicate avg reading")).toList();
        assertThat(jsonLogs).as("Powertools JSON layout: " + duplicate).singleElement().asString()
                .contains("\"function_name\":\"amsgrid-ingest\"").contains("\"correlation_id\":\"avg/gw-0001@1700000065123\"");
    }

    @Test
    void exportHandler_fromEnvironment_writesCsv() throws Exception {
        run("ingest", "hr-binary.json");
        assertThat(run("export", "export-on-demand.json")).contains("RESULT {\"status\":\"OK\"");
        assertThat(aws.object("csv/gw-0001/hr/2023-11-14.csv")).startsWith("timestamp,activeImportWh,");
    }
}
