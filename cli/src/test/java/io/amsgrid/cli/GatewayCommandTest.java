package io.amsgrid.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayCommandTest {
    @TempDir
    Path dir;

    @Test
    void call_badConfig_oneLineNamingTheKeysExit1() throws Exception {
        Path cfg = Files.writeString(dir.resolve("gw.properties"), "thing = gw-1\nintervalMinutes = 0\n");
        CommandLine cl = Amsgrid.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("gateway", "--config", cfg.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("amsgrid")
                .contains("intervalMinutes: must be 1-60, got 0").contains("endpoint: required");
    }

    @Test
    void call_speedWithoutCapture_rejected() throws Exception {
        Path cfg = Files.writeString(dir.resolve("gw.properties"), "thing = gw-1\n");
        CommandLine cl = Amsgrid.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("gateway", "--config", cfg.toString(), "--speed", "10")).isEqualTo(1);
        assertThat(err.toString()).contains("bad config"); // config is checked first
    }
}
