package io.amsgrid.codec.payload;

import java.util.Objects;

/**
 * A payload that cannot be decoded or holds values out of range. Unchecked and stackless: it is
 * an expected outcome of untrusted input (counted, dead-lettered), not a programming error.
 */
public final class PayloadException extends RuntimeException {
    private final PayloadRejectReason reason;

    public PayloadException(PayloadRejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public PayloadRejectReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "PayloadException[" + reason + "]: " + getMessage();
    }

    static PayloadException outOfRange(String message) {
        return new PayloadException(PayloadRejectReason.VALUE_OUT_OF_RANGE, message);
    }
}
