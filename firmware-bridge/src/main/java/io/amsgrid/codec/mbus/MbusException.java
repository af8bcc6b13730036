package io.amsgrid.codec.mbus;

/** M-Bus input given as complete was rejected; carries the {@link MbusRejectReason}. Stackless. */
public final class MbusException extends RuntimeException {
    private final MbusRejectReason reason;

    public MbusException(MbusRejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public MbusException(MbusReject reject) {
        this(reject.reason(), reject.message());
    }

    public MbusRejectReason reason() {
        return reason;
    }
}
