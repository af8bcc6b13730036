package io.amsgrid.codec.mbus;

/**
 * Why the M-Bus layer rejected a long frame or a segmented message; counted in {@link MbusStats}.
 * A 0x68 without the second start byte 0x68 three bytes later cannot be told from line noise: it
 * is counted in {@link MbusStats#bytesDiscarded()}.
 */
public enum MbusRejectReason {
    /** {@code 68 L1 L2 68} with L1 different from L2, or a length below 3 (C, A, CI). */
    BAD_LENGTH,
    /** The checksum byte is not the sum of C..data modulo 256. */
    BAD_CHECKSUM,
    /** The byte after the checksum is not the stop byte 0x16 (and no new frame starts inside). */
    NO_STOP_BYTE,
    /** A new frame starts before the declared length is reached, or the input ends inside a frame. */
    TRUNCATED,
    /** A DLMS segment too short for its transport header (STSAP, DTSAP). */
    BAD_TRANSPORT_HEADER,
    /** A reassembled DLMS APDU above the configured maximum. */
    TOO_LONG,
    /** A DLMS segment whose sequence number or address does not continue the held message. */
    SEGMENT_OUT_OF_ORDER,
    /** Held DLMS segments dropped: a frame was rejected, or the input ended before the last segment. */
    SEGMENT_MISSING
}
