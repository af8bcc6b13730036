package io.amsgrid.codec.crc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Table engine for a reflected (LSB-first) 16-bit CRC, in two forms: the classic byte-at-a-time
 * table and slicing-by-8 (eight 256-entry tables, eight input bytes per step, read as one
 * little-endian {@code long}).
 *
 * <p>Slicing-by-8 for a 16-bit reflected CRC: the two CRC bytes are XORed into the first two input
 * bytes of the block; input byte {@code i} of the block (0..7) is then looked up in table
 * {@code 7 - i}, and the eight lookups are XORed. Table {@code k} holds the CRC contribution of a
 * byte followed by {@code k} zero bytes. Both methods give identical results on any input; the
 * tests cross-check them on random data.
 *
 * <p>Package-private: use {@link Crc16X25} or {@link Crc16Arc}.
 */
final class Crc16Table {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** {@code table[k * 256 + b]}, k = 0..15; chars are unsigned 16-bit, 8 KiB in all. */
    private final char[] table = new char[16 * 256];

    Crc16Table(int reflectedPolynomial) {
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflectedPolynomial : crc >>> 1;
            }
            table[b] = (char) crc;
        }
        for (int k = 1; k < 16; k++) {
            for (int b = 0; b < 256; b++) {
                int prev = table[(k - 1) * 256 + b];
                table[k * 256 + b] = (char) ((prev >>> 8) ^ table[prev & 0xFF]);
            }
        }
    }

    /** Byte-at-a-time update of a running (not yet xor-ed out) CRC register. */
    int updateBytewise(int crc, byte[] buf, int off, int len) {
        char[] t = table;
        for (int i = off, end = off + len; i < end; i++) {
            crc = (crc >>> 8) ^ t[(crc ^ buf[i]) & 0xFF];
        }
        return crc;
    }

    /** Slicing-by-8 update of a running CRC register; the tail (< 8 bytes) goes byte-at-a-time. */
    int update(int crc, byte[] buf, int off, int len) {
        char[] t = table;
        int i = off;
        int end = off + len;
        int blocksEnd = off + (len & ~7);
        while (i < blocksEnd) {
            long v = (long) LONG_LE.get(buf, i) ^ (crc & 0xFFFF);
            crc = t[7 * 256 + (int) (v & 0xFF)]
                    ^ t[6 * 256 + (int) ((v >>> 8) & 0xFF)]
                    ^ t[5 * 256 + (int) ((v >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (int) ((v >>> 24) & 0xFF)]
                    ^ t[3 * 256 + (int) ((v >>> 32) & 0xFF)]
                    ^ t[2 * 256 + (int) ((v >>> 40) & 0xFF)]
                    ^ t[256 + (int) ((v >>> 48) & 0xFF)]
                    ^ t[(int) (v >>> 56)];
            i += 8;
        }
        while (i < end) {
            crc = (crc >>> 8) ^ t[(crc ^ buf[i]) & 0xFF];
            i++;
        }
        return crc;
    }

    /** Slicing-by-16: two little-endian longs per step. */
    int update16(int crc, byte[] buf, int off, int len) {
        char[] t = table;
        int i = off;
        int end = off + len;
        int blocksEnd = off + (len & ~15);
        while (i < blocksEnd) {
            long v = (long) LONG_LE.get(buf, i) ^ (crc & 0xFFFF);
            long w = (long) LONG_LE.get(buf, i + 8);
            crc = t[15 * 256 + (int) (v & 0xFF)]
                    ^ t[14 * 256 + (int) ((v >>> 8) & 0xFF)]
                    ^ t[13 * 256 + (int) ((v >>> 16) & 0xFF)]
                    ^ t[12 * 256 + (int) ((v >>> 24) & 0xFF)]
                    ^ t[11 * 256 + (int) ((v >>> 32) & 0xFF)]
                    ^ t[10 * 256 + (int) ((v >>> 40) & 0xFF)]
                    ^ t[9 * 256 + (int) ((v >>> 48) & 0xFF)]
                    ^ t[8 * 256 + (int) (v >>> 56)]
                    ^ t[7 * 256 + (int) (w & 0xFF)]
                    ^ t[6 * 256 + (int) ((w >>> 8) & 0xFF)]
                    ^ t[5 * 256 + (int) ((w >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (int) ((w >>> 24) & 0xFF)]
                    ^ t[3 * 256 + (int) ((w >>> 32) & 0xFF)]
                    ^ t[2 * 256 + (int) ((w >>> 40) & 0xFF)]
                    ^ t[256 + (int) ((w >>> 48) & 0xFF)]
                    ^ t[(int) (w >>> 56)];
            i += 16;
        }
        return update(crc, buf, i, end - i);
    }

    /** Slicing-by-4: one little-endian int per step. */
    int update4(int crc, byte[] buf, int off, int len) {
        char[] t = table;
        int i = off;
        int end = off + len;
        int blocksEnd = off + (len & ~3);
        while (i < blocksEnd) {
            int v = (int) INT_LE.get(buf, i) ^ (crc & 0xFFFF);
            crc = t[3 * 256 + (v & 0xFF)]
                    ^ t[2 * 256 + ((v >>> 8) & 0xFF)]
                    ^ t[256 + ((v >>> 16) & 0xFF)]
                    ^ t[v >>> 24];
            i += 4;
        }
        while (i < end) {
            crc = (crc >>> 8) ^ t[(crc ^ buf[i]) & 0xFF];
            i++;
        }
        return crc;
    }

    static void checkRange(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException(
                    "range off=" + off + " len=" + len + " outside array of length " + buf.length);
        }
    }
}
