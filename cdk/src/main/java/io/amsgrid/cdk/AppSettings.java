package io.amsgrid.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.constructs.Node;

/**
 * The settings of the app, read once from the CDK context ({@code -c key=value} or {@code cdk.json})
 * and validated here.
 *
 * @param ingest             {@code ingest=direct|basic}
 * @param route              {@code route=direct|batched}
 * @param lambdaJar          {@code lambdaJar=PATH}: the shaded Lambda jar (must exist)
 * @param deletionProtection {@code deletionProtection=true|false} (default true): table
 *                           deletion protection and RETAIN of table and bucket
 * @param silenceMinutes     {@code silenceMinutes=N} (default 30): the silence alarm fires when no
 *                           {@code avg} message arrived for this long
 * @param alarmEmail         {@code alarmEmail=ADDRESS}: optional e-mail subscription of the alarm topic
 * @param analysis           the scheduled analysis function's settings ({@code analysisJar},
 *                           {@code topologyKey}, {@code expectedMeters})
 */
public record AppSettings(IngestMode ingest, Route route, Path lambdaJar, boolean deletionProtection,
                          int silenceMinutes, Optional<String> alarmEmail, AnalysisSettings analysis) {

    public static final String INGEST = "ingest";
    public static final String ROUTE = "route";
    public static final String LAMBDA_JAR = "lambdaJar";
    public static final String DELETION_PROTECTION = "deletionProtection";
    public static final String SILENCE_MINUTES = "silenceMinutes";
    public static final String ALARM_EMAIL = "alarmEmail";
    public static final String ANALYSIS_JAR = "analysisJar";
    public static final String TOPOLOGY_KEY = "topologyKey";
    public static final String EXPECTED_METERS = "expectedMeters";

    /** Where {@code mvn -B -DskipTests package -pl lambdas -am} puts the jar, from the repository root. */
    public static final Path DEFAULT_JAR = Path.of("lambdas", "target", "amsgrid-lambdas.jar");
    public static final String JAR_BUILD_COMMAND = "mvn -B -DskipTests package -pl lambdas -am";
    /** Where {@code mvn -B -DskipTests package -pl analysis -am} puts the analysis jar, from the repository root. */
    public static final Path DEFAULT_ANALYSIS_JAR = Path.of("analysis", "target", "amsgrid-analysis.jar");
    public static final String ANALYSIS_JAR_BUILD_COMMAND = "mvn -B -DskipTests package -pl analysis -am";

    public AppSettings {
        if (silenceMinutes < 5 || silenceMinutes > 1440) {
            throw new AppSettingsException("context " + SILENCE_MINUTES + "=" + silenceMinutes
                    + " is out of range: use 5 to 1440 minutes");
        }
    }

    /** Reads and validates the settings from the context of {@code node} (the App's node). */
    public static AppSettings from(Node node) {
        Function<String, Optional<String>> ctx = key -> Optional.ofNullable(node.tryGetContext(key))
                .map(Object::toString).map(String::trim).filter(s -> !s.isEmpty());
        IngestMode ingest = ctx.apply(INGEST).map(v -> parse(INGEST, v, IngestMode.class)).orElse(IngestMode.DIRECT);
        Route route = ctx.apply(ROUTE).map(v -> parse(ROUTE, v, Route.class)).orElse(Route.DIRECT);
        Path jar = jar(ctx, LAMBDA_JAR, DEFAULT_JAR, "Lambda jar", JAR_BUILD_COMMAND);
        Path analysisJar = jar(ctx, ANALYSIS_JAR, DEFAULT_ANALYSIS_JAR, "Analysis jar", ANALYSIS_JAR_BUILD_COMMAND);
        boolean protection = ctx.apply(DELETION_PROTECTION).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AppSettingsException("context " + DELETION_PROTECTION + "=" + v
                    + " is not valid: use true or false");
        }).orElse(true);
        int silence = ctx.apply(SILENCE_MINUTES).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new AppSettingsException("context " + SILENCE_MINUTES + "=" + v + " is not a number of minutes");
            }
        }).orElse(30);
        int expectedMeters = ctx.apply(EXPECTED_METERS).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new AppSettingsException("context " + EXPECTED_METERS + "=" + v + " is not a number of meters");
            }
        }).orElse(1);
        return new AppSettings(ingest, route, jar, protection, silence, ctx.apply(ALARM_EMAIL),
                new AnalysisSettings(analysisJar, ctx.apply(TOPOLOGY_KEY), expectedMeters));
    }

    private static Path jar(Function<String, Optional<String>> ctx, String key, Path defaultJar, String what,
                            String buildCommand) {
        Path jar = ctx.apply(key).map(Path::of).orElseGet(() -> defaultJar(defaultJar)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AppSettingsException(what + " not found: " + jar + "; build it with '"
                    + buildCommand + "' in the repository root, or pass -c " + key + "=PATH");
        }
        return jar;
    }

    private static <E extends Enum<E>> E parse(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join("|", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            throw new AppSettingsException("context " + key + "=" + value + " is not valid: use " + allowed);
        }
    }

    /**
     * The default jar: {@code lambdas/target/amsgrid-lambdas.jar} under the repository root, found by
     * walking up from the working directory (the CDK CLI runs the app in {@code cdk/}), else from where
     * this class was loaded ({@code cdk/target/...} when run by {@code ./amsgrid}).
     */
    static Path defaultJar() {
        return defaultJar(DEFAULT_JAR);
    }

    /** {@code relative} (a jar under the repository root) resolved as {@link #defaultJar()} does. */
    static Path defaultJar(Path relative) {
        Path cwd = Path.of("").toAbsolutePath();
        return repositoryRoot(cwd)
                .or(() -> codeLocation().flatMap(AppSettings::repositoryRoot))
                .orElse(cwd)
                .resolve(relative);
    }

    private static Optional<Path> repositoryRoot(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("lambdas"))
                    && Files.isDirectory(d.resolve("iot-rules"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = AppSettings.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
