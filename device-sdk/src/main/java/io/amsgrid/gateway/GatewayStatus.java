package io.amsgrid.gateway;

import io.amsgrid.gateway.iot.ConnectionState;
import io.amsgrid.rules.MessageKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One look at the gateway, for the status line, the status file and the shadow's
 * {@code reported.status}.
 *
 * @param framesOk        frames that passed their checks since start
 * @param framesPerSecond good frames per second over the last status interval (on the gateway clock)
 * @param rejects         rejects by reason ({@code HDLC:BAD_FCS}, {@code DLMS:*}, ...)
 * @param outboxDepth     messages waiting to be published
 * @param outboxDropped   messages dropped by the overflow policy, per kind
 * @param connection      the MQTT connection state
 * @param published       messages acknowledged by the broker since start
 * @param lastPublish     when the last PUBACK came, or null
 * @param intervalMinutes the send interval in use
 * @param powerFailEvents power failures journaled since start
 */
public record GatewayStatus(long framesOk, double framesPerSecond, Map<String, Long> rejects, int outboxDepth,
                            Map<MessageKind, Long> outboxDropped, ConnectionState connection, long published,
                            Instant lastPublish, int intervalMinutes, long powerFailEvents) {
    public long rejectTotal() {
        return rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code key=value} pairs for a structured log line. */
    public String line() {
        String rej = rejects.isEmpty() ? "none" : rejects.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        long dropped = outboxDropped.values().stream().mapToLong(Long::longValue).sum();
        return String.format(java.util.Locale.ROOT,
                "status frames=%d frames_per_s=%.2f rejects=%d reject_reasons=%s outbox=%d dropped=%d connection=%s "
                        + "published=%d last_publish=%s interval_min=%d pf_events=%d",
                framesOk, framesPerSecond, rejectTotal(), rej, outboxDepth, dropped, connection, published,
                lastPublish == null ? "never" : lastPublish.toString(), intervalMinutes, powerFailEvents);
    }

    /** The JSON form (status file, shadow) as an ordered map for {@link io.amsgrid.gateway.json.Json#write}. */
    public Map<String, Object> json() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("framesOk", framesOk);
        n.put("framesPerSecond", Math.round(framesPerSecond * 100) / 100.0);
        n.put("rejects", rejectTotal());
        n.put("rejectsByReason", new LinkedHashMap<>(rejects));
        n.put("outboxDepth", outboxDepth);
        Map<String, Object> dropped = new LinkedHashMap<>();
        outboxDropped.forEach((k, v) -> dropped.put(k.topicPrefix(), v));
        n.put("outboxDropped", dropped);
        n.put("connection", connection.name());
        n.put("published", published);
        n.put("lastPublish", lastPublish == null ? null : lastPublish.toString());
        n.put("intervalMinutes", intervalMinutes);
        n.put("powerFailEvents", powerFailEvents);
        return n;
    }
}
