package io.amsgrid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./amsgrid cdk synth}: the cloud assembly on disk, and one-line errors. */
class CdkCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Amsgrid.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void synth_withJar_writesTemplateAndJarAsset() throws IOException {
        Path jar = tinyJar(dir.resolve("amsgrid-lambdas.jar"));
        Path assembly = dir.resolve("assembly");

        Path analysisJar = tinyJar(dir.resolve("amsgrid-analysis.jar"));
        int code = run("cdk", "synth", "--out", assembly.toString(), "-c", "lambdaJar=" + jar,
                "-c", "analysisJar=" + analysisJar, "-c", "route=batched");

        assertThat(code).as(err.toString()).isZero();
        assertThat(assembly.resolve("Amsgrid.template.json")).isRegularFile();
        assertThat(assembly.resolve("manifest.json")).isRegularFile();
        try (var files = Files.list(assembly)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("asset.") && n.endsWith(".jar"));
        }
        assertThat(Files.readString(assembly.resolve("Amsgrid.template.json")))
                .contains("io.amsgrid.lambdas.ingest.BatchIngestHandler::handleRequest")
                .contains("io.amsgrid.analysis.lambda.ScheduledAnalysisHandler::handleRequest");
        assertThat(out.toString()).startsWith("wrote cloud assembly of stack Amsgrid to ");
    }

    @Test
    void synth_missingJar_failsWithOneLineNamingTheBuildCommand() {
        int code = run("cdk", "synth", "--out", dir.resolve("a").toString(), "-c", "lambdaJar=" + dir.resolve("no.jar"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("Lambda jar not found").contains("mvn -B -DskipTests package -pl lambdas -am");
    }

    @Test
    void synth_badContext_failsWithUsage() throws IOException {
        Files.writeString(dir.resolve("x.txt"), "not an assembly");

        assertThat(run("cdk", "synth", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not empty and holds no cloud assembly");
        assertThat(run("cdk", "synth", "--out", dir.resolve("b").toString(), "-c", "route")).isEqualTo(2);
        assertThat(err.toString()).contains("context 'route' is not KEY=VALUE");
    }

    private static Path tinyJar(Path path) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream o = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(o, manifest)) {
            jar.putNextEntry(new JarEntry("amsgrid-test.txt"));
            jar.write(new byte[] {1});
            jar.closeEntry();
        }
        return path;
    }
}
