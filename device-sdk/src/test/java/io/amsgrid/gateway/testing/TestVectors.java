package io.amsgrid.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** The shared real-meter frames from {@code ../shared/vectors/han-vectors.jsonl}. */
public final class TestVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One complete, unencrypted HDLC frame of a real meter. */
    public record Frame(String id, String vendor, int list, byte[] bytes) {
    }

    private TestVectors() {
    }

    public static Path file() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("../shared/vectors/han-vectors.jsonl").normalize();
            if (Files.exists(d.resolve("pom.xml")) && Files.exists(f)) {
                return f;
            }
        }
        throw new IllegalStateException("han-vectors.jsonl not found in ../shared/vectors next to the repository");
    }

    /** Every unencrypted single HDLC frame ({@code format hdlc-dlms}) that is not a negative vector. */
    public static List<Frame> hdlcFrames() {
        try {
            return Files.readAllLines(file()).stream().filter(l -> !l.isBlank()).map(TestVectors::parse)
                    .filter(n -> n.path("format").asText().equals("hdlc-dlms") && !n.path("encrypted").asBoolean()
                            && !n.path("expected").path("reject").asBoolean(false))
                    .map(n -> new Frame(n.get("id").asText(), n.path("vendor").asText(), n.path("list").asInt(0),
                            HexFormat.of().parseHex(n.get("hex").asText())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame with this id. */
    public static Frame frame(String id) {
        return hdlcFrames().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vector " + id));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
