package io.amsgrid.codec.payload;

/**
 * CRC-16/X-25 (the HDLC frame check sequence): reflected polynomial 0x1021 (0x8408 reflected),
 * initial value 0xFFFF, final XOR 0xFFFF; check value 0x906E for ASCII {@code 123456789}.
 * The same routine a HAN reader already has for HDLC frames, so firmware needs nothing new.
 */
final class PayloadCrc {
    private PayloadCrc() {
    }

    static int crc16X25(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc ^ 0xFFFF;
    }
}
