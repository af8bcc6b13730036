package io.amsgrid.gateway.rotation;

import io.amsgrid.gateway.json.Json;
import io.amsgrid.gateway.json.JsonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device's rotation progress, written atomically after each step so a rotation interrupted at
 * any point (power cut, kill) resumes from the last completed step.
 *
 * @param requestId         the operator's request ({@code desired.certificateRotation.requestId})
 * @param step              the last completed step
 * @param newCertificateId  the certificate made from the new CSR (from CERT_ISSUED on)
 * @param oldCertificateId  the certificate in use before (reported so the operator can retire it)
 * @param error             the cloud's refusal code (REJECTED only)
 */
public record RotationState(String requestId, Step step, String newCertificateId, String oldCertificateId,
                            String error) {
    /** Steps in order. */
    public enum Step {
        /** next.key written; the CSR is (re)sent on {@code amsgrid/rotation/<thing>/csr}. */
        KEY_READY,
        /** next.crt written (the cloud made it ACTIVE and attached it to the thing); install and switch next. */
        CERT_ISSUED,
        /** device.crt/device.key are the new ones and the connection uses them; report next. */
        SWITCHED,
        /** reported; the operator retires the old certificate. */
        DONE,
        /** the cloud refused the request ({@code error}); reported; a new request may start. */
        REJECTED;

        /** Whether a new request may start after this step. */
        public boolean finished() {
            return this == DONE || this == REJECTED;
        }
    }

    public RotationState with(Step s) {
        return new RotationState(requestId, s, newCertificateId, oldCertificateId, error);
    }

    public static RotationState read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(file));
            return new RotationState((String) m.get("requestId"), Step.valueOf((String) m.get("step")),
                    (String) m.get("newCertificateId"), (String) m.get("oldCertificateId"), (String) m.get("error"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rotation state " + file, e);
        } catch (JsonException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("the rotation state " + file + " is damaged (" + e.getMessage()
                    + "); move it away to start over", e);
        }
    }

    public void write(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", requestId);
        m.put("step", step.name());
        if (newCertificateId != null) {
            m.put("newCertificateId", newCertificateId);
        }
        if (oldCertificateId != null) {
            m.put("oldCertificateId", oldCertificateId);
        }
        if (error != null) {
            m.put("error", error);
        }
        DeviceKeys.writePublic(file, Json.write(m));
    }
}
