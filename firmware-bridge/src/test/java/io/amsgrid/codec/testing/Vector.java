package io.amsgrid.codec.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One line of {@code ../shared/vectors/han-vectors.jsonl} (fields described in its README).
 *
 * @param list     the list number as given (1, 2, 3) or null
 * @param expected the {@code expected} object, or null for holdout lines
 */
public record Vector(
        String id,
        String source,
        String vendor,
        String country,
        String meterType,
        Integer list,
        String format,
        boolean encrypted,
        String keyHex,
        String authKeyHex,
        String hex,
        String text,
        JsonNode expected,
        boolean derived,
        String notes,
        boolean holdout) {

    /** The frame bytes: {@code hex} decoded, or {@code text} as ISO-8859-1 bytes. */
    public byte[] bytes() {
        return hex != null ? HexFormat.of().parseHex(hex) : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** True when {@code expected.reject} is true. */
    public boolean isReject() {
        return expected != null && expected.path("reject").asBoolean(false);
    }

    @Override
    public String toString() {
        return id;
    }
}
