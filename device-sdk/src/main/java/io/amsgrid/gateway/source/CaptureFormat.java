package io.amsgrid.gateway.source;

import io.amsgrid.gateway.json.Json;
import io.amsgrid.gateway.json.JsonException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The capture format, a contract shared with the meter simulator and other tools: JSON Lines,
 * one object per line, {@code {"t": "<ISO-8601 instant the bytes arrived>", "hex": "<bytes>"}}.
 * A line may hold a whole frame, part of one, or several. Blank lines are ignored.
 */
public final class CaptureFormat {
    private static final HexFormat HEX = HexFormat.of();

    private CaptureFormat() {
    }

    /** Why a capture line was not read. */
    public enum LineError { NOT_JSON, NO_T, BAD_T, NO_HEX, BAD_HEX }

    /** A line that could not be read, with the reason and a message naming the line. */
    public static final class BadLine extends Exception {
        private final LineError error;

        BadLine(LineError error, long lineNo, String detail) {
            super("capture line " + lineNo + ": " + detail, null, false, false);
            this.error = error;
        }

        public LineError error() {
            return error;
        }
    }

    /** One line as JSON (no newline). */
    public static String line(Chunk c) {
        return "{\"t\":\"" + c.at() + "\",\"hex\":\"" + HEX.formatHex(c.bytes()) + "\"}";
    }

    /** Parses one line. */
    public static Chunk parse(String line, long lineNo) throws BadLine {
        Map<String, Object> n;
        try {
            n = Json.parseObject(line);
        } catch (JsonException e) {
            throw new BadLine(LineError.NOT_JSON, lineNo, "not a JSON object");
        }
        if (n.get("t") == null) {
            throw new BadLine(LineError.NO_T, lineNo, "no \"t\" (ISO-8601 instant)");
        }
        if (n.get("hex") == null) {
            throw new BadLine(LineError.NO_HEX, lineNo, "no \"hex\"");
        }
        Instant t;
        try {
            t = Instant.parse(String.valueOf(n.get("t")));
        } catch (DateTimeParseException e) {
            throw new BadLine(LineError.BAD_T, lineNo, "\"t\" is not an ISO-8601 instant: " + n.get("t"));
        }
        if (!(n.get("hex") instanceof String hex)) {
            throw new BadLine(LineError.BAD_HEX, lineNo, "\"hex\" is not a string of hex digits");
        }
        try {
            return new Chunk(t, HEX.parseHex(hex.replace(" ", "")));
        } catch (IllegalArgumentException e) {
            throw new BadLine(LineError.BAD_HEX, lineNo, "\"hex\" is not an even number of hex digits");
        }
    }
}
