package io.amsgrid.codec.hdlc;

/**
 * One rejected frame (or broken segmented message).
 *
 * @param reason       why
 * @param message      what was wrong, with the offending values, for a person to act on
 * @param streamOffset offset (in bytes fed to the reader since it was created) of the opening flag
 *                     of the rejected frame; for {@link HdlcFrame#parse} the offset in the array
 */
public record HdlcReject(HdlcRejectReason reason, String message, long streamOffset) {
    @Override
    public String toString() {
        return reason + " at byte " + streamOffset + ": " + message;
    }
}
