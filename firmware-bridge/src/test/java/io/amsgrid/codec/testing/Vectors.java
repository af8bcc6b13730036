package io.amsgrid.codec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Loads the shared real-meter vectors from {@code ../shared/vectors/han-vectors.jsonl}, relative
 * to the repository root (found by walking up from the working directory to the directory whose
 * {@code pom.xml} is itself {@code <artifactId>amsgrid-parent} (not merely its parent)).
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<Vector> all;

    private Vectors() {
    }

    public static synchronized List<Vector> all() {
        if (all == null) {
            all = load(file());
        }
        return all;
    }

    public static List<Vector> matching(Predicate<Vector> filter) {
        return all().stream().filter(filter).toList();
    }

    public static List<Vector> withFormat(String format) {
        return matching(v -> v.format().equals(format));
    }

    public static Vector byId(String id) {
        return all().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vector with id " + id));
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "")
                        .contains("<artifactId>amsgrid-parent</artifactId>")) {
                    return d;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no amsgrid-parent pom.xml above " + dir);
    }

    public static Path file() {
        Path file = repositoryRoot().resolve("../shared/vectors/han-vectors.jsonl").normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("vectors file not found: " + file
                    + " (expected next to the repository, in ../shared/vectors)");
        }
        return file;
    }

    static List<Vector> load(Path file) {
        List<Vector> vectors = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                JsonNode expected = n.path("expected");
                vectors.add(new Vector(
                        text(n, "id"), text(n, "source"), text(n, "vendor"), text(n, "country"),
                        text(n, "meter_type"), n.path("list").isInt() ? n.path("list").asInt() : null,
                        text(n, "format"), n.path("encrypted").asBoolean(false), text(n, "key_hex"),
                        text(n, "auth_key_hex"), text(n, "hex"), text(n, "text"),
                        expected.isMissingNode() || expected.isNull() ? null : expected,
                        n.path("derived").asBoolean(false), text(n, "notes"), n.path("holdout").asBoolean(false)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(vectors);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
