package io.amsgrid.fleet.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.fleet.pki.DeviceKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationState(String requestId, Step step, String newCertificateId, String oldCertificateId,
                            String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            return JSON.readValue(file.toFile(), RotationState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rotation state " + file, e);
        }
    }

    public void write(Path file) {
        try {
            DeviceKeys.writePublic(file, JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
