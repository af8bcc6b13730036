package io.amsgrid.lambdas.rotation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one rotation request came to.
 *
 * @param status        ISSUED (new certificate), REPEATED (same requestId again: the certificate
 *                      issued before), IN_PROGRESS (another invocation is issuing it), REJECTED
 * @param thing         the thing of the topic (may be null for a request without one)
 * @param certificateId the certificate (ISSUED, REPEATED)
 * @param reason        why it was refused (REJECTED)
 */
public record RotationOutcome(Status status, String thing, String requestId, String certificateId,
                              RotationRejectReason reason, String message) {
    public enum Status { ISSUED, REPEATED, IN_PROGRESS, REJECTED }

    static RotationOutcome rejected(String thing, String requestId, RotationRejectReason reason, String message) {
        return new RotationOutcome(Status.REJECTED, thing, requestId, null, reason, message);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("thingName", thing);
        m.put("requestId", requestId);
        if (certificateId != null) {
            m.put("certificateId", certificateId);
        }
        if (reason != null) {
            m.put("reason", reason.name());
            m.put("message", message);
        }
        return m;
    }
}
