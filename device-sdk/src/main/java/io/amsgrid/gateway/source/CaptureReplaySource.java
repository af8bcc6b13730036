package io.amsgrid.gateway.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Replays a capture file at its recorded timing, {@code speed} times faster (0 = as fast as
 * possible). The chunks keep their recorded {@code t}: the gateway's clock is the capture's, so
 * the aggregates do not depend on the speed. Bad lines are skipped, counted and logged.
 */
public final class CaptureReplaySource implements ByteSource {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureReplaySource.class);

    private final Path file;
    private final double speed;
    private volatile boolean closed;
    private long badLines;

    public CaptureReplaySource(Path file, double speed) {
        if (speed < 0) {
            throw new IllegalArgumentException("replay speed must be >= 0 (0 = as fast as possible), got " + speed);
        }
        this.file = file;
        this.speed = speed;
    }

    @Override
    public boolean run(Consumer<Chunk> sink) throws IOException, InterruptedException {
        Instant firstT = null;
        long startNanos = System.nanoTime();
        long lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null && !closed; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Chunk c;
                try {
                    c = CaptureFormat.parse(line, lineNo);
                } catch (CaptureFormat.BadLine e) {
                    badLines++;
                    LOG.warn("{} ({}): skipped", e.getMessage(), e.error());
                    continue;
                }
                if (firstT == null) { // timing is kept relative to the first chunk
                    firstT = c.at();
                    startNanos = System.nanoTime();
                }
                if (speed > 0) {
                    long dueNanos = (long) (Duration.between(firstT, c.at()).toNanos() / speed);
                    long waitNanos = dueNanos - (System.nanoTime() - startNanos);
                    if (waitNanos > 0) {
                        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                    }
                }
                sink.accept(c);
            }
        }
        return !closed;
    }

    public long badLines() {
        return badLines;
    }

    @Override
    public String describe() {
        return "capture " + file + (speed == 0 ? " (as fast as possible)" : " at " + speed + "x");
    }

    @Override
    public boolean suitsVirtualThread() {
        return true;
    }

    @Override
    public boolean isReplay() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
