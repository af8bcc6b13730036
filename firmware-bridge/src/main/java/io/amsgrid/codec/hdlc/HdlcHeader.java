package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.crc.Crc16X25;

/**
 * Parses and checks the header of an HDLC frame in place (no allocation): the mutable result
 * fields are reused by the reader for every frame. Package-private.
 */
final class HdlcHeader {
    static final byte FLAG = 0x7E;
    /** format(2) + destination(1) + source(1) + control(1) + FCS(2). */
    static final int MIN_LENGTH = 7;

    /** Result of {@link #parse}: more bytes are needed to decide. */
    static final int NEED_MORE = -1;
    /** Result of {@link #parse}: the header is valid. */
    static final int OK = 0;

    int format;
    int length;
    int destination;
    int destinationLength;
    int source;
    int sourceLength;
    int control;
    /** Bytes from format through control. */
    int headerLength;
    boolean hasInformation;
    HdlcRejectReason reason;
    String message;

    /**
     * Parses the header whose opening flag is at {@code flag}; bytes up to {@code limit}
     * (exclusive) are available. Returns {@link #NEED_MORE}, {@link #OK}, or 1 with
     * {@link #reason} and {@link #message} set.
     */
    int parse(byte[] buf, int flag, int limit, int maxLength) {
        if (flag + 3 > limit) {
            return NEED_MORE;
        }
        int b1 = buf[flag + 1] & 0xFF;
        format = b1 << 8 | (buf[flag + 2] & 0xFF);
        length = format & 0x07FF;
        if ((b1 & 0xF0) != 0xA0) {
            return fail(HdlcRejectReason.BAD_FORMAT, String.format(
                    "frame format 0x%04X is not type 3 (0xA...)", format));
        }
        if (length < MIN_LENGTH) {
            return fail(HdlcRejectReason.BAD_FORMAT, "length field " + length + " below the minimum " + MIN_LENGTH);
        }
        if (length > maxLength) {
            return fail(HdlcRejectReason.TOO_LONG, "length field " + length + " above the maximum " + maxLength);
        }
        int p = flag + 3;
        int end = flag + 1 + length - 2; // first FCS byte: header must end before it
        int n = addressLength(buf, p, limit);
        if (n <= 0) {
            return n == 0 ? NEED_MORE : fail(HdlcRejectReason.BAD_ADDRESS,
                    "destination address has no end byte (LSB 1) within 4 bytes");
        }
        destinationLength = n;
        destination = pack(buf, p, n);
        p += n;
        n = addressLength(buf, p, limit);
        if (n <= 0) {
            return n == 0 ? NEED_MORE : fail(HdlcRejectReason.BAD_ADDRESS,
                    "source address has no end byte (LSB 1) within 4 bytes");
        }
        sourceLength = n;
        source = pack(buf, p, n);
        p += n;
        if (p >= end) {
            return fail(HdlcRejectReason.BAD_ADDRESS, "addresses (" + destinationLength + "+" + sourceLength
                    + " bytes) leave no room for the control field in a frame of length " + length);
        }
        if (p >= limit) {
            return NEED_MORE;
        }
        control = buf[p] & 0xFF;
        p++;
        headerLength = p - flag - 1;
        if (p == end) {
            hasInformation = false; // format..control then FCS: no HCS, no information field
            return OK;
        }
        if (p + 2 > end) {
            return fail(HdlcRejectReason.BAD_FORMAT, "length field " + length
                    + " leaves one byte after the header: neither FCS-only nor HCS+information+FCS");
        }
        hasInformation = true;
        if (p + 2 > limit) {
            return NEED_MORE;
        }
        int sent = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
        int computed = Crc16X25.compute(buf, flag + 1, headerLength);
        if (sent != computed) {
            return fail(HdlcRejectReason.BAD_HCS, String.format(
                    "header check sequence 0x%04X, computed 0x%04X (format 0x%04X)", sent, computed, format));
        }
        return OK;
    }

    /** Information field length (0 when the frame has none). */
    int informationLength() {
        return hasInformation ? length - headerLength - 4 : 0;
    }

    /** Offset of the information field relative to the opening flag. */
    int informationOffset() {
        return 1 + headerLength + 2;
    }

    boolean segmented() {
        return (format & 0x0800) != 0;
    }

    /** Address length 1..4, 0 when more bytes are needed, -1 when no end byte within 4. */
    private static int addressLength(byte[] buf, int p, int limit) {
        for (int i = 0; i < 4; i++) {
            if (p + i >= limit) {
                return 0;
            }
            if ((buf[p + i] & 1) != 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int pack(byte[] buf, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (buf[p + i] & 0xFF);
        }
        return v;
    }

    private int fail(HdlcRejectReason r, String m) {
        reason = r;
        message = m;
        return 1;
    }
}
