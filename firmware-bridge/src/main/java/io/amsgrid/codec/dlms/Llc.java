package io.amsgrid.codec.dlms;

/**
 * The LLC header in front of a DLMS APDU on HDLC (IEC 62056-46): destination LSAP E6, source
 * LSAP E7 (response/push; E6 = command, also accepted), quality 00.
 */
public final class Llc {
    public static final int LENGTH = 3;

    private Llc() {
    }

    /** True when {@code b[offset..]} starts with E6 E7 00 or E6 E6 00. */
    public static boolean startsWithLlc(byte[] b, int offset, int length) {
        return length >= LENGTH && (b[offset] & 0xFF) == 0xE6
                && ((b[offset + 1] & 0xFF) == 0xE7 || (b[offset + 1] & 0xFF) == 0xE6)
                && b[offset + 2] == 0;
    }

    /** The offset of the APDU after a mandatory LLC header. */
    public static int skip(byte[] b, int offset, int length) {
        if (!startsWithLlc(b, offset, length)) {
            throw new DlmsException(DlmsErrorReason.BAD_LLC, length < LENGTH
                    ? "payload too short for the LLC header E6 E7 00"
                    : String.format("LLC header is %02X %02X %02X, expected E6 E7 00",
                    b[offset] & 0xFF, b[offset + 1] & 0xFF, b[offset + 2] & 0xFF));
        }
        return offset + LENGTH;
    }
}
