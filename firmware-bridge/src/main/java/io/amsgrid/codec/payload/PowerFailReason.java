package io.amsgrid.codec.payload;

/** What signalled a power failure; {@link #code()} is the byte on the wire. */
public enum PowerFailReason {
    /** The power-fail GPIO line (TSS721 PF pin) went active. */
    GPIO(1),
    /** The meter went silent for longer than its list cadence allows. */
    SILENCE(2),
    /** A test or operator trigger. */
    TRIGGER(3);

    private final int code;

    PowerFailReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static PowerFailReason ofCode(int code) {
        for (PowerFailReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw PayloadException.outOfRange("unknown power-fail reason byte " + code);
    }
}
