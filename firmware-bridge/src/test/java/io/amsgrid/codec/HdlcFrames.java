package io.amsgrid.codec;

import io.amsgrid.codec.crc.Crc16X25;

/** Test helper: wraps an information field in a HAN HDLC frame (UI, dst 0x41, src 0x0883). */
final class HdlcFrames {

    private HdlcFrames() {
    }

    static byte[] frame(byte[] info) {
        int headerLength = 1 + 2 + 1 + 2 + 1 + 2; // flag, format, dst, src, control, HCS
        int length = 2 + 1 + 2 + 1 + 2 + info.length + 2;
        byte[] f = new byte[length + 2];
        f[0] = 0x7E;
        f[1] = (byte) (0xA0 | (length >> 8));
        f[2] = (byte) length;
        f[3] = 0x41;
        f[4] = 0x08;
        f[5] = (byte) 0x83;
        f[6] = 0x13;
        int hcs = Crc16X25.compute(f, 1, 6);
        f[7] = (byte) hcs;
        f[8] = (byte) (hcs >> 8);
        System.arraycopy(info, 0, f, headerLength, info.length);
        int fcs = Crc16X25.compute(f, 1, length - 2);
        f[length - 1] = (byte) fcs;
        f[length] = (byte) (fcs >> 8);
        f[length + 1] = 0x7E;
        return f;
    }
}
