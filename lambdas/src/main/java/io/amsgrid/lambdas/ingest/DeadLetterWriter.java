package io.amsgrid.lambdas.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.rules.IngestRules;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keeps a rejected event in S3 under
 * {@code <prefix><reason>/<yyyy-mm-dd>/<thing>-<receivedAtMs>-<hash>.json}: the original event
 * (payload still base64), the reason and a message. The date is the local date of the receive time;
 * the hash (SHA-256 of the event, 16 hex digits) tells apart events of the same thing and millisecond,
 * and makes a redelivered event overwrite its own file instead of adding one. S3 failures are thrown.
 */
public final class DeadLetterWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final ZoneId zone;

    public DeadLetterWriter(S3Client s3, String bucket, String prefix, ZoneId zone) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.zone = zone;
    }

    /** Stores the event and returns its key. */
    public String write(Map<String, Object> event, IngestRejectReason reason, String message) {
        String eventJson;
        try {
            eventJson = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event is not serializable as JSON", e);
        }
        long receivedAtMs = event != null && event.get(IngestRules.FIELD_RECEIVED_AT_MS) instanceof Number n ? n.longValue() : 0;
        Object thingValue = event == null ? null : event.get(IngestRules.FIELD_THING);
        String thing = thingValue instanceof String t && !t.isEmpty() ? t.replaceAll("[^A-Za-z0-9:_-]", "_") : "unknown";
        if (thing.length() > 128) {
            thing = thing.substring(0, 128);
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(receivedAtMs), zone);
        String key = prefix + reason.name() + "/" + day + "/" + thing + "-" + receivedAtMs + "-" + hash(eventJson) + ".json";

        ObjectNode letter = JSON.createObjectNode();
        letter.put("reason", reason.name()).put("message", message);
        letter.set("event", JSON.valueToTree(event));
        byte[] body;
        try {
            body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        return key;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
