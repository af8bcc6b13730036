package io.amsgrid.gateway.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReplaySourceTest {
    @TempDir
    Path dir;

    @Test
    void run_badLinesSkippedAndCounted_goodChunksInOrderWithTheirT() throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.write(f, List.of(
                "{\"t\":\"2025-01-01T00:00:00Z\",\"hex\":\"7ea0\"}",
                "not json",
                "{\"t\":\"yesterday\",\"hex\":\"00\"}",
                "",
                "{\"t\":\"2025-01-01T00:00:00.200Z\",\"hex\":\"0g\"}",
                "{\"t\":\"2025-01-01T00:00:00.300Z\"}",
                "{\"t\":\"2025-01-01T00:00:00.500Z\",\"hex\":\"7E A0 01\"}"));
        var src = new CaptureReplaySource(f, 0);
        List<Chunk> got = new ArrayList<>();
        assertThat(src.run(got::add)).isTrue();
        assertThat(got).extracting(Chunk::at).containsExactly(Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00.500Z"));
        assertThat(got.get(1).bytes()).containsExactly(0x7E, 0xA0, 0x01);
        assertThat(src.badLines()).isEqualTo(4);
    }

    @Test
    void run_speed_keepsRecordedTimingScaled() throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.write(f, List.of(CaptureFormat.line(new Chunk(Instant.parse("2025-01-01T00:00:00Z"), new byte[] {1})),
                CaptureFormat.line(new Chunk(Instant.parse("2025-01-01T00:00:10Z"), new byte[] {2}))));
        List<Long> arrivals = new ArrayList<>();
        new CaptureReplaySource(f, 50).run(c -> arrivals.add(System.nanoTime()));
        long ms = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        // 10 s at 50x = 200 ms; the upper bound only catches "ignored the speed" on a loaded machine
        assertThat(ms).isBetween(150L, 5000L);
    }

    @Test
    void parse_errorsNamed() {
        assertThatThrownBy(() -> CaptureFormat.parse("{\"hex\":\"00\"}", 7)).isInstanceOfSatisfying(
                CaptureFormat.BadLine.class, e -> {
                    assertThat(e.error()).isEqualTo(CaptureFormat.LineError.NO_T);
                    assertThat(e.getMessage()).startsWith("capture line 7");
                });
    }
}
