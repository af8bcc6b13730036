package io.amsgrid.codec.mbus;

/** An EN 13757-3 frame could not be decoded; carries the {@link En13757RejectReason}. Stackless. */
public final class En13757Exception extends RuntimeException {
    private final En13757RejectReason reason;

    public En13757Exception(En13757RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public En13757RejectReason reason() {
        return reason;
    }
}
