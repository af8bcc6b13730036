package io.amsgrid.codec.p1;

/**
 * A rejected P1 telegram.
 *
 * @param streamOffset offset (bytes fed since the reader was created) of the telegram's '/'
 */
public record P1Reject(P1RejectReason reason, String message, long streamOffset) {
    @Override
    public String toString() {
        return reason + " at byte " + streamOffset + ": " + message;
    }
}
