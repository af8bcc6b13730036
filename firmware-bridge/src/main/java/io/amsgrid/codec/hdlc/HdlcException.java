package io.amsgrid.codec.hdlc;

/** A frame given as complete was rejected; carries the {@link HdlcRejectReason}. Stackless. */
public final class HdlcException extends RuntimeException {
    private final HdlcRejectReason reason;

    public HdlcException(HdlcRejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public HdlcException(HdlcReject reject) {
        this(reject.reason(), reject.message());
    }

    public HdlcRejectReason reason() {
        return reason;
    }
}
