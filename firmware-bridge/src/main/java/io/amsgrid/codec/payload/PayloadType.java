package io.amsgrid.codec.payload;

/** The payload types: the second byte of the binary layout and the {@code type} of the JSON form. */
public enum PayloadType {
    AGGREGATE(1, "aggregate", "avg"),
    HOURLY(2, "hourly", "hr"),
    POWER_FAIL(3, "powerFail", "pf");

    private final int code;
    private final String jsonName;
    private final String topicPrefix;

    PayloadType(int code, String jsonName, String topicPrefix) {
        this.code = code;
        this.jsonName = jsonName;
        this.topicPrefix = topicPrefix;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** The {@code type} value in the JSON form. */
    public String jsonName() {
        return jsonName;
    }

    /** The first topic level this payload is published under ({@code avg}, {@code hr}, {@code pf}). */
    public String topicPrefix() {
        return topicPrefix;
    }

    static PayloadType ofCode(int code) {
        for (PayloadType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new PayloadException(PayloadRejectReason.UNKNOWN_TYPE, "unknown payload type byte " + code);
    }

    static PayloadType ofJsonName(String name) {
        for (PayloadType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new PayloadException(PayloadRejectReason.UNKNOWN_TYPE, "unknown payload type \"" + name + "\"");
    }
}
