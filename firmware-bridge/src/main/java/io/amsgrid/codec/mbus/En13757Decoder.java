package io.amsgrid.codec.mbus;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an EN 13757-3 application layer with long header, plain or encrypted with security
 * mode 5 (AES-128-CBC), as some Austrian meters (Siemens AMIS) push on their customer port.
 *
 * <pre>
 * long header (CI 0x72 / 0x5B), 12 bytes, multi-byte fields least significant byte first:
 * +--------------+--------------+---------+--------+-----------+--------+----------------+
 * | id (4, BCD)  | manufacturer | version | medium | access no | status | config word (2)|
 * +--------------+--------------+---------+--------+-----------+--------+----------------+
 * config word: bits 8-12 security mode M, bits 4-7 number N of encrypted 16-byte blocks
 * mode 5: AES-128-CBC, no padding, IV = manufacturer(2) id(4) version medium (as sent)
 *         + 8 x access number; the plaintext starts with the check bytes 2F 2F
 * then the data records (DIF DIFE* VIF VIFE* data), decoded by {@link MbusRecord}
 * </pre>
 *
 * OBIS codes are given to electricity records as {@code C.D.E}: C 1/2 active import/export,
 * 3/4 reactive import/export (export when VIFE 0x3C, backward flow, is present), D 8 energy,
 * 7 power, 128 for a manufacturer-specific energy register, E the tariff. Keys are never logged.
 */
public final class En13757Decoder {
    private static final int HEADER_LENGTH = 12;

    private En13757Decoder() {
    }

    /**
     * Decodes the M-Bus bytes (one long frame, as received) with the given key.
     *
     * @param key 16-byte AES key, or null for an unencrypted frame
     * @throws En13757Exception or {@link MbusException} with the reason
     */
    public static En13757Telegram decode(byte[] frameBytes, byte[] key) {
        List<MbusMessage> messages = MbusFrameReader.readMessages(frameBytes);
        if (messages.size() != 1 || !(messages.get(0) instanceof MbusMessage.ApplicationFrame frame)) {
            throw new En13757Exception(En13757RejectReason.NOT_AN_APPLICATION_FRAME,
                    "expected one long frame with an EN 13757-3 application layer, found " + messages);
        }
        return decode(frame, key);
    }

    public static En13757Telegram decode(MbusMessage.ApplicationFrame frame, byte[] key) {
        if (frame.ci() != 0x72 && frame.ci() != 0x5B) {
            throw new En13757Exception(En13757RejectReason.UNSUPPORTED_CI, String.format(
                    "CI 0x%02X: only the long-header application layers 0x72 and 0x5B are decoded", frame.ci()));
        }
        byte[] u = frame.userData();
        if (u.length < HEADER_LENGTH) {
            throw new En13757Exception(En13757RejectReason.MALFORMED, "long header needs 12 bytes, frame has "
                    + u.length);
        }
        String id = String.format("%02X%02X%02X%02X", u[3], u[2], u[1], u[0]);
        int manufacturerCode = (u[4] & 0xFF) | (u[5] & 0xFF) << 8;
        int version = u[6] & 0xFF;
        int medium = u[7] & 0xFF;
        int access = u[8] & 0xFF;
        int status = u[9] & 0xFF;
        int config = (u[10] & 0xFF) | (u[11] & 0xFF) << 8;
        int mode = (config >> 8) & 0x1F;
        byte[] data = Arrays.copyOfRange(u, HEADER_LENGTH, u.length);
        byte[] plaintext = switch (mode) {
            case 0 -> data;
            case 5 -> decryptMode5(u, data, (config >> 4) & 0x0F, access, key);
            default -> throw new En13757Exception(En13757RejectReason.UNSUPPORTED_SECURITY_MODE,
                    "security mode " + mode + " is not supported (0 and 5 are)");
        };
        List<MbusRecord> records = MbusDataRecords.parse(plaintext);
        return new En13757Telegram(frame.control(), frame.address(), frame.ci(), id, manufacturer(manufacturerCode),
                version, medium, access, status, config, mode, plaintext, records);
    }

    private static byte[] decryptMode5(byte[] header, byte[] data, int blocks, int access, byte[] key) {
        if (key == null) {
            throw new En13757Exception(En13757RejectReason.KEY_MISSING, "the frame is encrypted (mode 5): give the key");
        }
        if (key.length != 16) {
            throw new En13757Exception(En13757RejectReason.KEY_MISSING, "an AES-128 key has 16 bytes, got " + key.length);
        }
        int n = blocks * 16;
        if (blocks == 0 || n > data.length) {
            throw new En13757Exception(En13757RejectReason.MALFORMED, "config word says " + blocks
                    + " encrypted blocks, the frame has " + data.length + " bytes after the header");
        }
        byte[] iv = new byte[16];
        System.arraycopy(header, 4, iv, 0, 2); // manufacturer
        System.arraycopy(header, 0, iv, 2, 4); // identification number
        iv[6] = header[6]; // version
        iv[7] = header[7]; // medium
        Arrays.fill(iv, 8, 16, (byte) access);
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            plain = cipher.doFinal(data, 0, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding unavailable in this JVM", e);
        }
        if ((plain[0] & 0xFF) != 0x2F || (plain[1] & 0xFF) != 0x2F) {
            throw new En13757Exception(En13757RejectReason.WRONG_KEY,
                    "decrypted data does not start with 2F 2F: wrong key, or the frame is corrupt");
        }
        byte[] all = Arrays.copyOf(plain, plain.length + data.length - n);
        System.arraycopy(data, n, all, plain.length, data.length - n); // unencrypted records after the blocks
        return all;
    }

    /** EN 13757-3 manufacturer id: three letters of 5 bits each, 'A' = 1. */
    static String manufacturer(int code) {
        return new String(new char[] {
                (char) (((code >> 10) & 0x1F) + 64), (char) (((code >> 5) & 0x1F) + 64), (char) ((code & 0x1F) + 64)});
    }
}
