package io.amsgrid.codec.dlms;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GloCipheringTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] AUTH_KEY = HEX.parseHex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedf");
    private static final byte[] TITLE = HEX.parseHex("4b464d1020029802");
    private static final byte[] PLAIN = HEX.parseHex("0f4000000000020206000013281208e2");

    /** Builds DB .. with GCM as a meter would (suite 0); tag omitted when sc lacks 0x10. */
    static byte[] cipher(int sc, byte[] plain, byte[] key, byte[] authKey, long frameCounter) throws Exception {
        byte[] fc = {(byte) (frameCounter >>> 24), (byte) (frameCounter >>> 16), (byte) (frameCounter >>> 8), (byte) frameCounter};
        byte[] iv = new byte[12];
        System.arraycopy(TITLE, 0, iv, 0, 8);
        System.arraycopy(fc, 0, iv, 8, 4);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(96, iv));
        byte[] aad = new byte[1 + authKey.length];
        aad[0] = (byte) sc;
        System.arraycopy(authKey, 0, aad, 1, authKey.length);
        gcm.updateAAD(aad);
        byte[] out = gcm.doFinal(plain);
        byte[] body = (sc & 0x10) != 0 ? out : Arrays.copyOf(out, plain.length);
        ByteArrayOutputStream apdu = new ByteArrayOutputStream();
        apdu.write(0xDB);
        apdu.write(8);
        apdu.write(TITLE);
        int len = 5 + body.length;
        if (len > 127) {
            apdu.write(0x81);
        }
        apdu.write(len);
        apdu.write(sc);
        apdu.write(fc);
        apdu.write(body);
        return apdu.toByteArray();
    }

    private static DataNotification notification(DlmsPayload p) {
        return ((DlmsPayload.Notification) p).notification();
    }

    @Test
    void decode_authenticatedAndEncryptedWithBothKeys_decryptsAndChecksTag() throws Exception {
        byte[] apdu = cipher(0x30, PLAIN, KEY, AUTH_KEY, 42);
        DataNotification n = notification(DlmsApduDecoder.decode(apdu, new SecurityKeys(KEY, AUTH_KEY)));
        assertThat(n.security().authenticated()).isTrue();
        assertThat(n.security().frameCounter()).isEqualTo(42);
        assertThat(n.security().systemTitleHex()).isEqualTo("4b464d1020029802");
        assertThat(((DlmsData.Sequence) n.body()).get(0)).isEqualTo(new DlmsData.Int(DlmsType.DOUBLE_LONG_UNSIGNED, 0x1328));
    }

    @Test
    void decode_tamperedTag_throwsAuthenticationFailed() throws Exception {
        byte[] apdu = cipher(0x30, PLAIN, KEY, AUTH_KEY, 7);
        apdu[apdu.length - 1] ^= 1;
        assertThatThrownBy(() -> DlmsApduDecoder.decode(apdu, new SecurityKeys(KEY, AUTH_KEY)))
                .isInstanceOfSatisfying(DlmsException.class,
                        e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.AUTHENTICATION_FAILED));
    }

    @Test
    void decode_wrongAuthenticationKey_throwsAuthenticationFailed() throws Exception {
        byte[] apdu = cipher(0x30, PLAIN, KEY, AUTH_KEY, 7);
        byte[] wrongAk = AUTH_KEY.clone();
        wrongAk[0] ^= 0x55;
        assertThatThrownBy(() -> DlmsApduDecoder.decode(apdu, new SecurityKeys(KEY, wrongAk)))
                .isInstanceOfSatisfying(DlmsException.class,
                        e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.AUTHENTICATION_FAILED));
    }

    @Test
    void decode_tagPresentButNoAuthenticationKey_decryptsUnauthenticated() throws Exception {
        byte[] apdu = cipher(0x30, PLAIN, KEY, AUTH_KEY, 9);
        DataNotification n = notification(DlmsApduDecoder.decode(apdu, new SecurityKeys(KEY, null)));
        assertThat(n.security().authenticated()).isFalse();
        assertThat(n.body()).isInstanceOf(DlmsData.Sequence.class);
    }

    @Test
    void decode_encryptedOnly_isAesCtrFromCounterTwo() throws Exception {
        byte[] apdu = cipher(0x21, PLAIN, KEY, new byte[0], 0x0a28);
        DataNotification n = notification(DlmsApduDecoder.decode(apdu, new SecurityKeys(KEY, null)));
        assertThat(n.longInvokeIdAndPriority()).isEqualTo(0x40000000L);
        assertThat(n.security().securityControl()).isEqualTo(0x21);
    }

    @Test
    void decode_encryptedOnlyWithWrongKeys_alwaysDecryptionFailedNeverValues() throws Exception {
        byte[] apdu = cipher(0x20, PLAIN, KEY, new byte[0], 1);
        Random random = new Random(20261125);
        for (int i = 0; i < 300; i++) {
            byte[] wrong = new byte[16];
            random.nextBytes(wrong);
            assertThatThrownBy(() -> DlmsApduDecoder.decode(apdu, new SecurityKeys(wrong, null)))
                    .isInstanceOfSatisfying(DlmsException.class,
                            e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.DECRYPTION_FAILED));
        }
    }

    @Test
    void decode_encryptedWithoutKey_throwsKeyRequired() throws Exception {
        byte[] apdu = cipher(0x20, PLAIN, KEY, new byte[0], 1);
        assertThatThrownBy(() -> DlmsApduDecoder.decode(apdu, SecurityKeys.NONE))
                .isInstanceOfSatisfying(DlmsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DlmsErrorReason.KEY_REQUIRED);
                    assertThat(e.getMessage()).contains("4b464d1020029802").doesNotContain("000102030405");
                });
    }

    @Test
    void decode_cipheredLengthBeyondInput_throwsTruncated() throws Exception {
        byte[] apdu = cipher(0x20, PLAIN, KEY, new byte[0], 1);
        byte[] cut = Arrays.copyOf(apdu, apdu.length - 3);
        assertThatThrownBy(() -> DlmsApduDecoder.decode(cut, new SecurityKeys(KEY, null)))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.TRUNCATED));
    }

    @Test
    void ofHex_badKeys_rejectedWithoutEchoingKey() {
        assertThatThrownBy(() -> SecurityKeys.ofHex("0011", null)).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> SecurityKeys.ofHex("zz".repeat(16), null)).hasMessageContaining("not hexadecimal");
        assertThat(SecurityKeys.ofHex("00".repeat(16), "11".repeat(16)).toString()).doesNotContain("00000000");
    }
}
