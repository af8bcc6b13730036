package io.amsgrid.codec.payload;

/** Why a payload was rejected; each value is a metric dimension and a dead-letter folder name. */
public enum PayloadRejectReason {
    /** The first byte (binary) or {@code version} field (JSON) is not a version this code knows. */
    UNKNOWN_VERSION,
    /** The type byte or {@code type} field names no known payload type. */
    UNKNOWN_TYPE,
    /** The bytes end before the layout says, or bytes are left over after the checksum. */
    WRONG_LENGTH,
    /** The trailing CRC-16/X-25 does not match the bytes before it. */
    BAD_CHECKSUM,
    /** A field holds a value outside its documented range (interval 0, min &gt; max, NaN, ...). */
    VALUE_OUT_OF_RANGE,
    /** The JSON form is not valid JSON, misses a required field, or has an unknown one. */
    BAD_JSON
}
