package io.amsgrid.codec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the real-meter test vectors: the full acceptance set from {@code ../shared/vectors} (found
 * by walking up to the root pom), or the MIT-licensed copy in this module's test resources.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    /** One line of a vectors file. */
    public record Vector(String id, String source, String vendor, String format, String hex, String text,
                         String keyHex, String authKeyHex, boolean holdout, boolean derived, String notes,
                         JsonNode expected, JsonNode json) {

        /** A line that must be rejected: expected says so, or (holdouts without expected) its id starts with "neg-". */
        public boolean negative() {
            if (expected != null && !expected.isNull()) {
                return expected.path("reject").asBoolean(false);
            }
            return id.startsWith("neg-");
        }

        public boolean hasExpected() {
            return expected != null && !expected.isNull();
        }

        public byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The repository root: the nearest directory upwards whose pom.xml is amsgrid-parent. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "")
                        .contains("<artifactId>amsgrid-parent</artifactId>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no amsgrid-parent pom.xml above " + Path.of("").toAbsolutePath());
    }

    /**
     * {@code <repo>/../shared/vectors/han-vectors.jsonl}, or the file named by the environment
     * variable {@code AMSGRID_VECTORS} when set (for checkouts that keep it elsewhere).
     */
    public static Path sharedVectorsFile() {
        String override = System.getenv("AMSGRID_VECTORS");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return repoRoot().resolve("../shared/vectors/han-vectors.jsonl").normalize();
    }

    public static List<Vector> loadShared() {
        try {
            return parse(Files.readAllLines(sharedVectorsFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acceptance vectors " + sharedVectorsFile()
                    + " (expected next to the repository in ../shared; set AMSGRID_VECTORS to its path)", e);
        }
    }

    /** A vectors file on the test classpath, e.g. {@code /vectors/mit-vectors.jsonl}. */
    public static List<Vector> loadResource(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " missing");
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            }
            return parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Vector> parse(List<String> lines) throws IOException {
        List<Vector> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            out.add(new Vector(n.path("id").asText(), text(n, "source"), text(n, "vendor"), text(n, "format"),
                    text(n, "hex"), text(n, "text"), text(n, "key_hex"), text(n, "auth_key_hex"),
                    n.path("holdout").asBoolean(false), n.path("derived").asBoolean(false), text(n, "notes"),
                    n.get("expected"), n));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
