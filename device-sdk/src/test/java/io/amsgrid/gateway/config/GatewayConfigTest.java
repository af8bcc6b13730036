package io.amsgrid.gateway.config;

import io.amsgrid.gateway.source.SerialParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {
    @TempDir
    Path dir;

    private Properties minimal() throws Exception {
        for (String f : new String[] {"gw.crt", "gw.key", "ca.pem"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        Properties p = new Properties();
        p.setProperty("thing", "gw-0001");
        p.setProperty("endpoint", "abc-ats.iot.eu-north-1.amazonaws.com");
        p.setProperty("certificate", "gw.crt");
        p.setProperty("privateKey", "gw.key");
        p.setProperty("caCertificate", "ca.pem");
        return p;
    }

    @Test
    void of_minimal_defaultsAndRelativePaths() throws Exception {
        GatewayConfig c = GatewayConfig.of(minimal(), dir);
        assertThat(c.port()).isEqualTo(8883);
        assertThat(c.certificate()).isEqualTo(dir.resolve("gw.crt"));
        assertThat(c.source()).isEqualTo(new GatewayConfig.SourceConfig.Serial("/dev/ttyUSB0", SerialParity.AUTO));
        assertThat(c.intervalMinutes()).isEqualTo(1);
        assertThat(c.publishOffset()).isEmpty();
        assertThat(c.powerFail().history()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.powerFail().journal()).isEqualTo(Path.of("/var/lib/amsgrid/powerfail.journal"));
        assertThat(c.powerFail().meterSilence()).isNull();
        assertThat(c.rawForward()).isFalse();
    }

    @Test
    void of_badValues_oneMessageNamingEveryKey() throws Exception {
        Properties p = minimal();
        p.setProperty("intervalMinutes", "61");
        p.setProperty("serial.parity", "odd");
        p.setProperty("port", "x");
        p.setProperty("raw.forwad", "true");
        p.remove("endpoint");
        assertThatThrownBy(() -> GatewayConfig.of(p, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("intervalMinutes: must be 1-60, got 61")
                .hasMessageContaining("serial.parity")
                .hasMessageContaining("port: not a whole number")
                .hasMessageContaining("raw.forwad: unknown key")
                .hasMessageContaining("endpoint: required");
    }

    @Test
    void of_rotationEnabled_defaultOnAndCanBeTurnedOff() throws Exception {
        assertThat(GatewayConfig.of(minimal(), dir).rotation()).isTrue();
        Properties p = minimal();
        p.setProperty("rotation.enabled", "false");
        assertThat(GatewayConfig.of(p, dir).rotation()).isFalse();
        p.setProperty("rotation.enabled", "maybe");
        assertThatThrownBy(() -> GatewayConfig.of(p, dir)).hasMessageContaining("rotation.enabled");
    }

    @Test
    void of_captureSourceMissingFile_rejected() throws Exception {
        Properties p = minimal();
        p.setProperty("source", "capture");
        p.setProperty("capture.file", "nope.jsonl");
        assertThatThrownBy(() -> GatewayConfig.of(p, dir)).hasMessageContaining("capture.file: cannot read");
    }

    @Test
    void load_missingFile_configException() {
        assertThatThrownBy(() -> GatewayConfig.load(dir.resolve("missing.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
    }
}
