package io.amsgrid.cdk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized app per variant, built once per test JVM (a synth takes 10-20 s) and shared by the
 * test classes. The Lambda and analysis jars are small real jars written here, since the lambdas and
 * analysis modules' shaded jars are not built in this module's test phase.
 */
final class Synthesized {
    /** The default deployment: direct topics, direct route. */
    static final Variant DEFAULT = new Variant(IngestMode.DIRECT, Route.DIRECT);
    /** Basic Ingest topics and the batched (SQS) route together: one synth covers both options. */
    static final Variant BASIC_BATCHED = new Variant(IngestMode.BASIC, Route.BATCHED);
    /** The topology key of the BASIC_BATCHED variant (the default variant has none). */
    static final String TOPOLOGY_KEY = "topology/grid.csv";

    record Variant(IngestMode ingest, Route route) {
    }

    record Result(AmsgridApp.Built built, Template template, Annotations annotations) {
    }

    private static final Map<Variant, Result> CACHE = new ConcurrentHashMap<>();

    private Synthesized() {
    }

    static Result of(Variant variant) {
        return CACHE.computeIfAbsent(variant, Synthesized::synth);
    }

    private static Result synth(Variant variant) {
        try {
            Path dir = Files.createTempDirectory("amsgrid-cdk-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Map<String, Object> context = new HashMap<>();
            context.put(AppSettings.INGEST, variant.ingest().contextValue());
            context.put(AppSettings.ROUTE, variant.route().contextValue());
            context.put(AppSettings.LAMBDA_JAR, tinyJar(dir.resolve("amsgrid-lambdas.jar")).toString());
            context.put(AppSettings.ANALYSIS_JAR, tinyJar(dir.resolve("amsgrid-analysis.jar")).toString());
            if (variant.equals(BASIC_BATCHED)) {
                context.put(AppSettings.TOPOLOGY_KEY, TOPOLOGY_KEY);
                context.put(AppSettings.EXPECTED_METERS, "250");
            }
            AmsgridApp.Built built = AmsgridApp.build(dir.resolve("cdk.out"), context);
            Template template = Template.fromStack(built.stack());
            return new Result(built, template, Annotations.fromStack(built.stack()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is harmless
        }
    }

    /** A real, minimal jar (a manifest and one text entry): enough for an asset. */
    static Path tinyJar(Path path) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("amsgrid-test.txt"));
            jar.write("stand-in for amsgrid-lambdas.jar in cdk tests".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return path;
    }
}
