package io.amsgrid.codec.crc;

/**
 * CRC-16/X.25 (also "CRC-16/IBM-SDLC", the HDLC frame check sequence of ISO/IEC 13239 used by
 * IEC 62056-46 for HCS and FCS): polynomial 0x1021 reflected (0x8408), init 0xFFFF, input and
 * output reflected, final XOR 0xFFFF. Check value of {@code "123456789"}: 0x906E.
 *
 * <p>On the wire the CRC is sent least significant byte first. {@link #compute} uses slicing-by-8;
 * {@link #computeBytewise} is the plain table method, kept for the benchmark and for tests.
 * Neither allocates. Thread-safe (the tables are immutable after class initialisation).
 */
public final class Crc16X25 {
    private static final Crc16Table TABLE = new Crc16Table(0x8408);
    private static final int INIT = 0xFFFF;
    private static final int XOR_OUT = 0xFFFF;

    private Crc16X25() {
    }

    /** CRC-16/X.25 of {@code len} bytes of {@code buf} from {@code off}, as 0..0xFFFF. */
    public static int compute(byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.update(INIT, buf, off, len) ^ XOR_OUT;
    }

    /** Same result as {@link #compute}, one table lookup per byte. */
    public static int computeBytewise(byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.updateBytewise(INIT, buf, off, len) ^ XOR_OUT;
    }

    /** Slicing-by-16 variant, kept for the benchmark comparison. */
    public static int computeSlicingBy16(byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.update16(INIT, buf, off, len) ^ XOR_OUT;
    }

    /** Slicing-by-4 variant, kept for the benchmark comparison. */
    public static int computeSlicingBy4(byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.update4(INIT, buf, off, len) ^ XOR_OUT;
    }

    /**
     * True when the two bytes at {@code crcOff} (LSB first, as sent) equal the CRC of
     * {@code len} bytes from {@code off}.
     */
    public static boolean matches(byte[] buf, int off, int len, int crcOff) {
        int expected = (buf[crcOff] & 0xFF) | (buf[crcOff + 1] & 0xFF) << 8;
        return compute(buf, off, len) == expected;
    }
}
