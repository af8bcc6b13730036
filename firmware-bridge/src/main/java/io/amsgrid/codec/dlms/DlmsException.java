package io.amsgrid.codec.dlms;

/**
 * A DLMS/COSEM payload that cannot be decoded. Unchecked and stackless (a decoder failure is
 * data, not a programming error); {@link #reason()} says why.
 */
public final class DlmsException extends RuntimeException {
    private final DlmsErrorReason reason;

    public DlmsException(DlmsErrorReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DlmsErrorReason reason() {
        return reason;
    }
}
