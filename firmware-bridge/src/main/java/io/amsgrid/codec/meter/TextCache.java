package io.amsgrid.codec.meter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The strings a meter repeats in every list (list id, meter id, meter type), decoded once: a
 * small direct-mapped cache from the bytes to the String. Entries are immutable and replaced as a
 * whole, so concurrent use is safe (a lost update only costs one decode).
 */
final class TextCache {
    /** The bytes as US-ASCII text (visible-string, printable octet-string). */
    static final int ASCII = 1;
    /** The bytes as lower-case hex (octet-string that is not printable). */
    static final int HEX = 2;

    private static final int SLOTS = 64;
    private static final int MAX_CACHED_LENGTH = 64;
    private static final Entry[] CACHE = new Entry[SLOTS];

    private record Entry(int kind, byte[] bytes, String text) {
    }

    private TextCache() {
    }

    static String text(byte[] b, int off, int len, int kind) {
        // a cheap hash (length and three bytes): the slot is only a hint, the bytes are compared in full
        int h = kind * 31 + len;
        if (len > 0) {
            h = ((h * 31 + b[off]) * 31 + b[off + len / 2]) * 31 + b[off + len - 1];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = CACHE[slot];
        if (e != null && e.kind == kind && Arrays.equals(e.bytes, 0, e.bytes.length, b, off, off + len)) {
            return e.text;
        }
        String s = kind == HEX ? HexFormat.of().formatHex(b, off, off + len)
                : new String(b, off, len, StandardCharsets.US_ASCII);
        if (len <= MAX_CACHED_LENGTH) {
            CACHE[slot] = new Entry(kind, Arrays.copyOfRange(b, off, off + len), s);
        }
        return s;
    }
}
