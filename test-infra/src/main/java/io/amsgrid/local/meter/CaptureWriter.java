package io.amsgrid.local.meter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Writes a capture in the gateway's capture format (a contract): JSON Lines
 * {@code {"t": "<ISO-8601 instant the bytes arrived>", "hex": "<bytes>"}}, one frame per line.
 */
public final class CaptureWriter implements AutoCloseable {
    private final BufferedWriter out;

    public CaptureWriter(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture " + file, e);
        }
    }

    public void write(Instant t, byte[] bytes) {
        try {
            out.write("{\"t\": \"" + t + "\", \"hex\": \"" + HexFormat.of().formatHex(bytes) + "\"}");
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
