package io.amsgrid.gateway;

import io.amsgrid.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayArgsTest {
    @TempDir
    Path dir;

    private GatewayConfig config(String... extra) throws Exception {
        for (String f : new String[] {"gw.crt", "gw.key", "ca.pem", "c.jsonl"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        Properties p = new Properties();
        p.setProperty("thing", "gw-0001");
        p.setProperty("endpoint", "abc-ats.iot.eu-north-1.amazonaws.com");
        p.setProperty("certificate", "gw.crt");
        p.setProperty("privateKey", "gw.key");
        p.setProperty("caCertificate", "ca.pem");
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return GatewayConfig.of(p, dir);
    }

    @Test
    void parse_allOptionsBothSpellings_parsed() {
        GatewayArgs a = GatewayArgs.parse("--config", "/etc/amsgrid/gw.properties", "--capture=c.jsonl", "--speed", "1000",
                "--record", "r.jsonl");
        assertThat(a).isEqualTo(new GatewayArgs(Path.of("/etc/amsgrid/gw.properties"), Path.of("c.jsonl"), 1000.0,
                Path.of("r.jsonl")));
    }

    @Test
    void parse_loneArgument_isTheConfigFile() {
        assertThat(GatewayArgs.parse("gw.properties").config()).isEqualTo(Path.of("gw.properties"));
    }

    @Test
    void parse_help_null() {
        assertThat(GatewayArgs.parse("--config", "x", "--help")).isNull();
        assertThat(GatewayArgs.parse("-h")).isNull();
    }

    @Test
    void parse_badCommandLines_messageNamesTheProblem() {
        assertThatThrownBy(() -> GatewayArgs.parse("--capture", "c.jsonl")).hasMessageContaining("--config FILE is required");
        assertThatThrownBy(() -> GatewayArgs.parse("--config", "x", "--sped", "3")).hasMessage("unknown option --sped");
        assertThatThrownBy(() -> GatewayArgs.parse("--config")).hasMessage("missing value for --config");
        assertThatThrownBy(() -> GatewayArgs.parse("--config", "x", "--speed", "fast")).hasMessageContaining("'fast'");
    }

    @Test
    void apply_captureAndSpeed_replaceTheConfiguredSource() throws Exception {
        GatewayConfig c = new GatewayArgs(Path.of("x"), dir.resolve("c.jsonl"), 60.0, dir.resolve("r.jsonl")).apply(config());
        assertThat(c.source()).isEqualTo(new GatewayConfig.SourceConfig.Capture(dir.resolve("c.jsonl"), 60.0));
        assertThat(c.recordFile()).isEqualTo(dir.resolve("r.jsonl"));
    }

    @Test
    void apply_speedWithoutCapture_rejectedUnlessTheConfigReplaysOne() throws Exception {
        assertThatThrownBy(() -> new GatewayArgs(Path.of("x"), null, 10.0, null).apply(config()))
                .hasMessageContaining("--speed only applies to a capture source");
        GatewayConfig c = new GatewayArgs(Path.of("x"), null, 10.0, null).apply(config("source", "capture",
                "capture.file", "c.jsonl"));
        assertThat(c.source()).isEqualTo(new GatewayConfig.SourceConfig.Capture(dir.resolve("c.jsonl"), 10.0));
        assertThatThrownBy(() -> new GatewayArgs(Path.of("x"), dir.resolve("c.jsonl"), -1.0, null).apply(config()))
                .hasMessageContaining(">= 0");
    }
}
