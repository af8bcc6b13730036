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
        App app = new App(AppProps.builder().context(Map.of("lambdaJar", missing.toString())).build());
        assertThatThrownBy(() -> AppSettings.from(app.getNode()))
                .isInstanceOf(AppSettingsException.class)
                .hasMessage("Lambda jar not found: " + missing + "; build it with 'mvn -B -DskipTests package -pl"
                        + " lambdas -am' in the repository root, or pass -c lambdaJar=PATH");
    }

    @Test
    void defaultJar_inTheRepository_isUnderLambdasTarget() {
        assertThat(AppSettings.defaultJar().endsWith(Path.of("lambdas", "target", "amsgrid-lambdas.jar"))).isTrue();
        assertThat(AppSettings.defaultJar().getParent().getParent().resolveSibling("iot-rules")).isDirectory();
    }

    private AppSettings settings(Map<String, Object> context) throws IOException {
        Map<String, Object> all = new HashMap<>(context);
        all.put("lambdaJar", Synthesized.tinyJar(dir.resolve("l.jar")).toString());
        App app = new App(AppProps.builder().outdir(dir.resolve("out").toString()).context(all).build());
        return AppSettings.from(app.getNode());
    }
}
