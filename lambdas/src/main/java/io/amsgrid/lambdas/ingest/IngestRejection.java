package io.amsgrid.lambdas.ingest;

import java.util.Objects;

/** Bad input: not retryable; the event goes to the dead-letter location. Stackless. */
public final class IngestRejection extends RuntimeException {
    private final IngestRejectReason reason;

    public IngestRejection(IngestRejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public IngestRejectReason reason() {
        return reason;
    }
}
