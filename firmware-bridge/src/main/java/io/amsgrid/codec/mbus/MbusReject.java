package io.amsgrid.codec.mbus;

/**
 * A rejected M-Bus frame or segmented message.
 *
 * @param streamOffset offset (bytes fed to the reader since it was created) of the frame's first start byte
 */
public record MbusReject(MbusRejectReason reason, String message, long streamOffset) {
    @Override
    public String toString() {
        return reason + " at byte " + streamOffset + ": " + message;
    }
}
