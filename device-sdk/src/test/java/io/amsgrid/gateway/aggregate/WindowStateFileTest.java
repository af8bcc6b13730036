package io.amsgrid.gateway.aggregate;

import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WindowStateFileTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<WindowState> WINDOWS = List.of(
            new WindowState(T0, T0.plusSeconds(60), 7, "6970631400000000", T0.plusSeconds(50),
                    Map.of(Measurement.ACTIVE_IMPORT_W, new WindowState.Sums(7, 0.1 + 0.2 + 7000, 0.1, 5000.25),
                            Measurement.VOLTAGE_L3_V, new WindowState.Sums(1, 229.9, 229.9, 229.9))),
            new WindowState(T0.plusSeconds(60), T0.plusSeconds(120), 1, null, null,
                    Map.of(Measurement.CURRENT_L1_A, new WindowState.Sums(1, 3.5, 3.5, 3.5))));

    @TempDir
    Path dir;

    @Test
    void writeThenRead_windows_sameExactSums() {
        var f = new WindowStateFile(dir.resolve("open-windows"));
        f.write(WINDOWS);
        WindowStateFile.Contents c = f.read();
        assertThat(c.defect()).isNull();
        assertThat(c.windows()).isEqualTo(WINDOWS);
        assertThat(dir.resolve("open-windows.tmp")).doesNotExist();
    }

    @Test
    void read_noFile_noWindowsNoDefect() {
        WindowStateFile.Contents c = new WindowStateFile(dir.resolve("open-windows")).read();
        assertThat(c.windows()).isEmpty();
        assertThat(c.defect()).isNull();
    }

    @Test
    void write_noWindows_deletesTheFile() {
        var f = new WindowStateFile(dir.resolve("open-windows"));
        f.write(WINDOWS);
        f.write(List.of());
        assertThat(f.file()).doesNotExist();
    }

    @Test
    void read_everySingleBitFlipped_detectedNeverWrongWindows() throws Exception {
        byte[] good = WindowStateFile.encode(WINDOWS);
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            WindowStateFile.Contents c = WindowStateFile.decode(bad);
            assertThat(c.defect()).as("bit %d", bit).isNotNull();
            assertThat(c.windows()).isEmpty();
        }
    }

    @Test
    void read_tornWrite_tooShortOrBadCrc_movedAside() throws Exception {
        byte[] good = WindowStateFile.encode(WINDOWS);
        var f = new WindowStateFile(dir.resolve("open-windows"));
        Files.write(f.file(), java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(f.read().defect()).isEqualTo(WindowStateFile.Defect.BAD_CRC);
        Files.write(f.file(), java.util.Arrays.copyOf(good, 5));
        assertThat(f.read().defect()).isEqualTo(WindowStateFile.Defect.TOO_SHORT);
        Path aside = f.moveAside();
        assertThat(aside).exists().hasFileName("open-windows.damaged");
        assertThat(f.read().windows()).isEmpty();
    }
}
