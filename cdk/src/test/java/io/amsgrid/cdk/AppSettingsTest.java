package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Context values are validated once, with messages that say what to do. */
class AppSettingsTest {
    @TempDir
    Path dir;

    @Test
    void from_defaults_directRouteWithProtection() throws IOException {
        AppSettings s = settings(Map.of());
        assertThat(s.ingest()).isEqualTo(IngestMode.DIRECT);
        assertThat(s.route()).isEqualTo(Route.DIRECT);
        assertThat(s.deletionProtection()).isTrue();
        assertThat(s.silenceMinutes()).isEqualTo(30);
        assertThat(s.alarmEmail()).isEmpty();
    }

    @Test
    void from_basicBatchedNoProtection_parsesCaseInsensitive() throws IOException {
        AppSettings s = settings(Map.of("ingest", "BASIC", "route", "batched", "deletionProtection", "false",
                "silenceMinutes", "60", "alarmEmail", "ops@example.org"));
        assertThat(s.ingest()).isEqualTo(IngestMode.BASIC);
        assertThat(s.route()).isEqualTo(Route.BATCHED);
        assertThat(s.deletionProtection()).isFalse();
        assertThat(s.silenceMinutes()).isEqualTo(60);
        assertThat(s.alarmEmail()).contains("ops@example.org");
    }

    @Test
    void from_unknownRoute_namesTheAllowedValues() {
        assertThatThrownBy(() -> settings(Map.of("route", "kinesis")))
                .isInstanceOf(AppSettingsException.class)
                .hasMessage("context route=kinesis is not valid: use direct|batched");
    }

    @Test
    void from_badSilence_saysTheRange() {
        assertThatThrownBy(() -> settings(Map.of("silenceMinutes", "2")))
                .isInstanceOf(AppSettingsException.class).hasMessageContaining("use 5 to 1440 minutes");
        assertThatThrownBy(() -> settings(Map.of("silenceMinutes", "soon")))
                .isInstanceOf(AppSettingsException.class).hasMessageContaining("not a number of minutes");
    }

    @Test
    void from_missingJar_namesTheBuildCommand() {
        Path missing = dir.resolve("nope.jar");
        App app = new App(AppProps.builder().context(Map.of("lambdaJar", missing.toString(),
                "analysisJar", missing.toString())).build());
        assertThatThrownBy(() -> AppSettings.from(app.getNode()))
                .isInstanceOf(AppSettingsException.class)
                .hasMessage("Lambda jar not found: " + missing + "; build it with 'mvn -B -DskipTests package -pl"
                        + " lambdas -am' in the repository root, or pass -c lambdaJar=PATH");
    }

    @Test
    void from_missingAnalysisJar_namesItsBuildCommand() throws IOException {
        Path missing = dir.resolve("nope-analysis.jar");
        App app = new App(AppProps.builder().context(Map.of(
                "lambdaJar", Synthesized.tinyJar(dir.resolve("l.jar")).toString(),
                "analysisJar", missing.toString())).build());
        assertThatThrownBy(() -> AppSettings.from(app.getNode()))
                .isInstanceOf(AppSettingsException.class)
                .hasMessage("Analysis jar not found: " + missing + "; build it with 'mvn -B -DskipTests package -pl"
                        + " analysis -am' in the repository root, or pass -c analysisJar=PATH");
    }

    @Test
    void from_analysisOptions_parsedAndValidated() throws IOException {
        AppSettings s = settings(Map.of("topologyKey", "topology/grid.csv", "expectedMeters", "120"));
        assertThat(s.analysis().topologyKey()).contains("topology/grid.csv");
        assertThat(s.analysis().expectedMeters()).isEqualTo(120);
        assertThat(settings(Map.of()).analysis().topologyKey()).isEmpty();
        assertThat(settings(Map.of()).analysis().expectedMeters()).isEqualTo(1);
        assertThatThrownBy(() -> settings(Map.of("expectedMeters", "0")))
                .isInstanceOf(AppSettingsException.class).hasMessageContaining("use 1 or more meters");
        assertThatThrownBy(() -> settings(Map.of("expectedMeters", "many")))
                .isInstanceOf(AppSettingsException.class).hasMessageContaining("not a number of meters");
        assertThatThrownBy(() -> settings(Map.of("topologyKey", "topology/*")))
                .isInstanceOf(AppSettingsException.class).hasMessageContaining("topology/topology.csv");
    }

    @Test
    void defaultAnalysisJar_inTheRepository_isUnderAnalysisTarget() {
        assertThat(AppSettings.defaultJar(AppSettings.DEFAULT_ANALYSIS_JAR)
                .endsWith(Path.of("analysis", "target", "amsgrid-analysis.jar"))).isTrue();
        assertThat(AppSettings.defaultJar(AppSettings.DEFAULT_ANALYSIS_JAR).getParent().getParent()).isDirectory();
    }

    @Test
    void defaultJar_inTheRepository_isUnderLambdasTarget() {
        assertThat(AppSettings.defaultJar().endsWith(Path.of("lambdas", "target", "amsgrid-lambdas.jar"))).isTrue();
        assertThat(AppSettings.defaultJar().getParent().getParent().resolveSibling("iot-rules")).isDirectory();
    }

    private AppSettings settings(Map<String, Object> context) throws IOException {
        Map<String, Object> all = new HashMap<>(context);
        all.put("lambdaJar", Synthesized.tinyJar(dir.resolve("l.jar")).toString());
        all.putIfAbsent("analysisJar", Synthesized.tinyJar(dir.resolve("a.jar")).toString());
        App app = new App(AppProps.builder().outdir(dir.resolve("out").toString()).context(all).build());
        return AppSettings.from(app.getNode());
    }
}
