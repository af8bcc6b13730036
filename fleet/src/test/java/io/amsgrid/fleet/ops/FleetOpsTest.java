package io.amsgrid.fleet.ops;

import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.FleetSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetOpsTest {
    @TempDir
    Path dir;

    @Test
    void rateLimiter_20PerSecond_spaces21CallsOverOneSecond() throws Exception {
        RateLimiter r = new RateLimiter(20);
        long t0 = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            r.acquire();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0).toMillis()).isBetween(950L, 1500L);
    }

    @Test
    void rateLimiter_zero_refused() {
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progressFile_sameOperation_remembersDone() {
        Path f = dir.resolve("p");
        ProgressFile.open(f, "set-interval 5").markDone("gw-1");
        ProgressFile again = ProgressFile.open(f, "set-interval 5");
        assertThat(again.isDone("gw-1")).isTrue();
        assertThat(again.isDone("gw-2")).isFalse();
    }

    @Test
    void progressFile_otherOperation_startsAfresh() {
        Path f = dir.resolve("p");
        ProgressFile.open(f, "set-interval 5").markDone("gw-1");
        assertThat(ProgressFile.open(f, "set-interval 10").isDone("gw-1")).isFalse();
    }

    @Test
    void targets_noneOrTwo_badInput() {
        assertThatThrownBy(() -> Targets.of(Optional.empty(), Optional.empty(), false))
                .isInstanceOf(FleetException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Targets.of(Optional.of("a"), Optional.empty(), true))
                .isInstanceOf(FleetException.class);
        assertThat(Targets.of(Optional.empty(), Optional.of("g"), false)).isEqualTo(new Targets.Group("g"));
    }

    @Test
    void setInterval_outOfRange_badInputBeforeAnyCall() {
        assertThatThrownBy(() -> SetInterval.run(null, new Targets.All(), 61, 10, dir.resolve("p"), Duration.ZERO,
                new PrintStream(new ByteArrayOutputStream()), true))
                .isInstanceOf(FleetException.class).hasMessageContaining("1-60")
                .extracting(e -> ((FleetException) e).reason()).isEqualTo(FleetError.BAD_INPUT);
    }

    @Test
    void progressBar_lines_showsCountAndPercent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBar b = new ProgressBar("x", 4, new PrintStream(out, true), true)) {
            for (int i = 0; i < 4; i++) {
                b.step();
            }
        }
        assertThat(out.toString()).contains("4/4 100%");
    }

    @Test
    void settings_modeLocalWithoutDir_badInput() {
        assertThatThrownBy(() -> FleetSettings.resolve(null, null, null, Map.of("AMSGRID_MODE", "local")))
                .isInstanceOf(FleetException.class).hasMessageContaining("AMSGRID_LOCAL_DIR");
        assertThatThrownBy(() -> FleetSettings.resolve(null, null, null, Map.of("AMSGRID_MODE", "cloud")))
                .isInstanceOf(FleetException.class).hasMessageContaining("aws or local");
    }

    @Test
    void settings_localOptionOrEnvironment_localMode() {
        assertThat(FleetSettings.resolve(dir, null, null, Map.of()).mode()).isEqualTo(FleetSettings.Mode.LOCAL);
        FleetSettings s = FleetSettings.resolve(null, null, null, Map.of("AMSGRID_MODE", "local",
                "AMSGRID_LOCAL_DIR", dir.toString(), "AWS_REGION", "eu-west-1"));
        assertThat(s.localDir()).isEqualTo(dir);
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(FleetSettings.resolve(null, null, null, Map.of()).mode()).isEqualTo(FleetSettings.Mode.AWS);
    }

    @Test
    void localEnvironment_missing_oneLineLocalStateError() {
        assertThatThrownBy(() -> io.amsgrid.fleet.control.LocalEnvironment.read(dir))
                .isInstanceOf(FleetException.class).hasMessageContaining("local.json").hasMessageNotContaining("\n");
        assertThat(Files.exists(dir.resolve("local.json"))).isFalse();
    }
}
