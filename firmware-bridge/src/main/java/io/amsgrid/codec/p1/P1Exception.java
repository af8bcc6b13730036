package io.amsgrid.codec.p1;

/** A P1 telegram given as complete was rejected; carries the {@link P1RejectReason}. Stackless. */
public final class P1Exception extends RuntimeException {
    private final P1RejectReason reason;

    public P1Exception(P1RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public P1RejectReason reason() {
        return reason;
    }
}
