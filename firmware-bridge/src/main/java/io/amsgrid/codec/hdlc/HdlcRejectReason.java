package io.amsgrid.codec.hdlc;

/** Why the HDLC layer rejected a frame. Each reason has its own counter in {@link HdlcStats}. */
public enum HdlcRejectReason {
    /**
     * The length field is below the minimum (7) or leaves one byte after the header; for
     * {@link HdlcFrame#parse}, also a frame format type other than 3 (first byte not 0xA0..0xAF),
     * which the stream reader counts as line noise instead.
     */
    BAD_FORMAT,
    /** Length field above the configured maximum, or a reassembled message above its maximum. */
    TOO_LONG,
    /** No address byte with the extension bit (LSB) set within 4 bytes, or the header does not fit the frame. */
    BAD_ADDRESS,
    /** Header check sequence (CRC-16/X.25 over format..control) does not match. */
    BAD_HCS,
    /** Frame check sequence (CRC-16/X.25 over format..information) does not match. */
    BAD_FCS,
    /** The byte after the declared length is not a 0x7E flag (and no new frame starts inside). */
    NO_CLOSING_FLAG,
    /** A new frame starts before the declared length is reached, or the input ends inside a frame. */
    TRUNCATED,
    /** For {@link HdlcFrame#parse}: more bytes than the length field declares. */
    BAD_LENGTH,
    /** A segment whose addresses or send sequence number do not continue the message being reassembled. */
    SEGMENT_OUT_OF_ORDER,
    /** A segmented message left incomplete: a segment was rejected, or the input ended. */
    SEGMENT_MISSING
}
