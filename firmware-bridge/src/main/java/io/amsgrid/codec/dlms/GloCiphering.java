package io.amsgrid.codec.dlms;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * general-glo-ciphering APDU (tag 0xDB, IEC 62056-5-3 / Green Book security suite 0):
 *
 * <pre>
 *  DB | len 08 | system title (8) | length (A-XDR) | SC | frame counter (4) | ciphertext | [tag (12)]
 *                                   \_ covers SC .. tag _________________________________/
 * </pre>
 *
 * <p>IV = system title || frame counter. Security control bit 0x20 = encrypted, 0x10 =
 * authenticated (a 12-byte GCM tag follows, AAD = SC || authentication key). Encrypted without
 * tag (0x20/0x21) is the GCM keystream alone, i.e. AES-CTR starting at counter 2; a wrong key
 * then gives garbage that the caller must reject (see {@link DlmsApduDecoder}). With a tag but
 * no authentication key supplied, the plaintext is recovered the same way, unauthenticated.
 */
public final class GloCiphering {
    public static final int TAG = 0xDB;
    private static final int TAG_LENGTH = 12;

    private GloCiphering() {
    }

    /** What decryption produced. {@code authenticated} is true only when a tag was checked. */
    public record Decrypted(byte[] plaintext, byte[] systemTitle, long frameCounter, int securityControl,
                            boolean authenticated) {
    }

    public static Decrypted decrypt(byte[] apdu, int offset, int length, SecurityKeys keys) {
        AxdrReader r = new AxdrReader(apdu, offset, length);
        if (r.readUnsignedByte() != TAG) {
            throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU, "not a general-glo-ciphering APDU (0xDB)");
        }
        int titleLength = r.readUnsignedByte();
        if (titleLength != 8) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH, "system title length " + titleLength + ", expected 8");
        }
        byte[] systemTitle = r.readBytes(8);
        int len = r.readLength();
        if (len > r.remaining()) {
            throw new DlmsException(DlmsErrorReason.TRUNCATED, "ciphered content announces " + len
                    + " bytes, only " + r.remaining() + " present");
        }
        if (len < 5) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH, "ciphered content of " + len + " bytes is too short");
        }
        int sc = r.readUnsignedByte();
        byte[] fcBytes = r.readBytes(4);
        long frameCounter = ((long) (fcBytes[0] & 0xFF) << 24) | ((fcBytes[1] & 0xFF) << 16)
                | ((fcBytes[2] & 0xFF) << 8) | (fcBytes[3] & 0xFF);
        boolean encrypted = (sc & 0x20) != 0;
        boolean authenticated = (sc & 0x10) != 0;
        if ((sc & 0xC0) != 0) {
            throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU, String.format(
                    "security control 0x%02X uses compression or broadcast keys, which are not supported", sc));
        }
        int bodyLength = len - 5 - (authenticated ? TAG_LENGTH : 0);
        if (bodyLength < 0) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH, "ciphered content too short for its authentication tag");
        }
        byte[] body = r.readBytes(bodyLength);
        byte[] tag = authenticated ? r.readBytes(TAG_LENGTH) : null;
        if (!encrypted && !authenticated) {
            return new Decrypted(body, systemTitle, frameCounter, sc, false);
        }
        byte[] iv = new byte[12];
        System.arraycopy(systemTitle, 0, iv, 0, 8);
        System.arraycopy(fcBytes, 0, iv, 8, 4);
        if (encrypted && !keys.hasEncryptionKey()) {
            throw new DlmsException(DlmsErrorReason.KEY_REQUIRED, String.format(
                    "the payload is encrypted (security control 0x%02X, system title %s): supply the encryption key (--key / key_hex)",
                    sc, java.util.HexFormat.of().formatHex(systemTitle)));
        }
        try {
            if (authenticated && keys.hasAuthenticationKey() && keys.hasEncryptionKey()) {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.encryptionKey(), "AES"),
                        new GCMParameterSpec(TAG_LENGTH * 8, iv));
                byte[] aad = new byte[1 + keys.authenticationKey().length];
                aad[0] = (byte) sc;
                System.arraycopy(keys.authenticationKey(), 0, aad, 1, keys.authenticationKey().length);
                gcm.updateAAD(aad);
                if (encrypted) {
                    byte[] input = Arrays.copyOf(body, body.length + TAG_LENGTH);
                    System.arraycopy(tag, 0, input, body.length, TAG_LENGTH);
                    return new Decrypted(gcm.doFinal(input), systemTitle, frameCounter, sc, true);
                }
                gcm.updateAAD(body);
                gcm.doFinal(tag);
                return new Decrypted(body, systemTitle, frameCounter, sc, true);
            }
            if (!encrypted) {
                // authenticated only, no authentication key: the plaintext is readable, just unchecked
                return new Decrypted(body, systemTitle, frameCounter, sc, false);
            }
            byte[] counter = Arrays.copyOf(iv, 16);
            counter[15] = 2;
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.encryptionKey(), "AES"), new IvParameterSpec(counter));
            return new Decrypted(ctr.doFinal(body), systemTitle, frameCounter, sc, false);
        } catch (AEADBadTagException e) {
            throw new DlmsException(DlmsErrorReason.AUTHENTICATION_FAILED, String.format(
                    "authentication tag mismatch (security control 0x%02X, frame counter %d): wrong encryption or authentication key, or corrupt data",
                    sc, frameCounter));
        } catch (GeneralSecurityException e) {
            throw new DlmsException(DlmsErrorReason.DECRYPTION_FAILED, "decryption failed: " + e.getMessage());
        }
    }
}
