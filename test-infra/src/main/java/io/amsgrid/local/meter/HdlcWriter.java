package io.amsgrid.local.meter;

import io.amsgrid.codec.crc.Crc16X25;

/**
 * Wraps a DLMS APDU into one HDLC frame (type 3, no segmentation) as a HAN port sends it:
 *
 * <pre>
 * 7E | A0 LL | dest | src | control | HCS HCS | E6 E7 00 | APDU ... | FCS FCS | 7E
 * </pre>
 *
 * The 11-bit length counts every byte between the flags; HCS and FCS are CRC-16/X.25, low byte
 * first. No byte stuffing, as on real meters.
 */
final class HdlcWriter {
    private HdlcWriter() {
    }

    static byte[] frame(byte[] destination, byte[] source, int control, byte[] apdu) {
        int headerLength = 2 + destination.length + source.length + 1;
        int length = headerLength + 2 + 3 + apdu.length + 2;
        if (length > 0x7FF) {
            throw new IllegalArgumentException("APDU too long for one HDLC frame: " + apdu.length);
        }
        byte[] f = new byte[length + 2];
        int i = 0;
        f[i++] = 0x7E;
        f[i++] = (byte) (0xA0 | (length >> 8));
        f[i++] = (byte) length;
        for (byte b : destination) {
            f[i++] = b;
        }
        for (byte b : source) {
            f[i++] = b;
        }
        f[i++] = (byte) control;
        int hcs = Crc16X25.compute(f, 1, i - 1);
        f[i++] = (byte) hcs;
        f[i++] = (byte) (hcs >> 8);
        f[i++] = (byte) 0xE6;
        f[i++] = (byte) 0xE7;
        f[i++] = 0x00;
        System.arraycopy(apdu, 0, f, i, apdu.length);
        i += apdu.length;
        int fcs = Crc16X25.compute(f, 1, i - 1);
        f[i++] = (byte) fcs;
        f[i++] = (byte) (fcs >> 8);
        f[i] = 0x7E;
        return f;
    }

    /** A data-notification APDU header: tag 0x0F, long-invoke-id-and-priority, date-time field. */
    static byte[] dataNotification(byte[] dateTimeField, byte[] body) {
        byte[] apdu = new byte[5 + dateTimeField.length + body.length];
        apdu[0] = 0x0F;
        apdu[1] = 0x40;
        System.arraycopy(dateTimeField, 0, apdu, 5, dateTimeField.length);
        System.arraycopy(body, 0, apdu, 5 + dateTimeField.length, body.length);
        return apdu;
    }
}
