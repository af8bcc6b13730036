package io.amsgrid.lambdas.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one event.
 *
 * @param status        stored, duplicate (already stored: counted, not an error) or rejected
 * @param thing         the thing, when known
 * @param kind          the topic kind, when known
 * @param timestampMs   the reading's time, when decoded
 * @param reason        why it was rejected ({@code null} unless rejected)
 * @param message       what to do about it ({@code null} unless rejected)
 * @param deadLetterKey where the rejected event is kept ({@code null} unless rejected)
 */
public record IngestOutcome(Status status, String thing, String kind, Long timestampMs,
                            IngestRejectReason reason, String message, String deadLetterKey) {
    public enum Status { STORED, DUPLICATE, REJECTED }

    /** The handler's response: the non-null fields, in a fixed order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.name());
        putIfPresent(map, "thing", thing);
        putIfPresent(map, "kind", kind);
        putIfPresent(map, "timestampMs", timestampMs);
        putIfPresent(map, "reason", reason == null ? null : reason.name());
        putIfPresent(map, "message", message);
        putIfPresent(map, "deadLetterKey", deadLetterKey);
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
