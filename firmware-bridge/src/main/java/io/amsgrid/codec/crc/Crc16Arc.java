package io.amsgrid.codec.crc;

/**
 * CRC-16/ARC (also "CRC-16/IBM", "CRC-16/LHA"), the checksum of DSMR P1 telegrams (DSMR 4+ and
 * IEC 62056-21 mode D telegrams on Nordic P1 ports): polynomial 0x8005 reflected (0xA001), init 0,
 * input and output reflected, no final XOR. Check value of {@code "123456789"}: 0xBB3D.
 *
 * <p>{@link #compute} uses slicing-by-16, {@link #computeBytewise} the plain table. Neither
 * allocates. {@link #update} continues a running CRC, for callers that see the input in pieces.
 */
public final class Crc16Arc {
    private static final Crc16Table TABLE = new Crc16Table(0xA001);

    private Crc16Arc() {
    }

    public static int compute(byte[] buf, int off, int len) {
        return update(0, buf, off, len);
    }

    public static int computeBytewise(byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.updateBytewise(0, buf, off, len);
    }

    /** Continues {@code crc} (the result of an earlier call, or 0 to start) over more bytes. */
    public static int update(int crc, byte[] buf, int off, int len) {
        Crc16Table.checkRange(buf, off, len);
        return TABLE.update16(crc & 0xFFFF, buf, off, len);
    }
}
