package io.amsgrid.codec.dlms;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes one complete DLMS APDU: data-notification (0x0F), general-glo-ciphering (0xDB, decrypted
 * with the supplied keys) and a general-block-transfer (0xE0) that fits in one block.
 *
 * <p>A plaintext that does not parse after decryption without a tag check means the key was
 * wrong: that is reported as {@link DlmsErrorReason#DECRYPTION_FAILED}, never as values.
 */
public final class DlmsApduDecoder {

    private DlmsApduDecoder() {
    }

    public static DlmsPayload decode(byte[] apdu, SecurityKeys keys) {
        return decode(apdu, 0, apdu.length, keys);
    }

    public static DlmsPayload decode(byte[] apdu, int offset, int length, SecurityKeys keys) {
        if (length < 1) {
            throw new DlmsException(DlmsErrorReason.TRUNCATED, "empty APDU");
        }
        int tag = apdu[offset] & 0xFF;
        return switch (tag) {
            case DataNotification.TAG -> new DlmsPayload.Notification(DataNotification.parse(apdu, offset, length));
            case GloCiphering.TAG -> decodeCiphered(apdu, offset, length, keys);
            case GeneralBlockTransfer.TAG -> {
                byte[] whole = new GeneralBlockTransfer().accept(apdu, offset, length);
                if (whole == null) {
                    throw new DlmsException(DlmsErrorReason.BAD_BLOCK_SEQUENCE,
                            "general-block-transfer block without the last-block bit: feed all blocks to a GeneralBlockTransfer");
                }
                yield decode(whole, 0, whole.length, keys);
            }
            default -> throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU, String.format(
                    "APDU tag 0x%02X is not supported (expected 0F data-notification, DB general-glo-ciphering or E0 general-block-transfer)", tag));
        };
    }

    private static DlmsPayload decodeCiphered(byte[] apdu, int offset, int length, SecurityKeys keys) {
        GloCiphering.Decrypted d = GloCiphering.decrypt(apdu, offset, length, keys);
        DataNotification.Security security = new DataNotification.Security(
                HexFormat.of().formatHex(d.systemTitle()), d.frameCounter(), d.securityControl(), d.authenticated());
        byte[] p = d.plaintext();
        boolean wasEncrypted = (d.securityControl() & 0x20) != 0;
        String hint = wasEncrypted && !d.authenticated()
                ? " (no authentication tag was checked, so this most likely means a wrong encryption key)" : "";
        if (p.length > 0 && (p[0] & 0xFF) == DataNotification.TAG) {
            try {
                return new DlmsPayload.Notification(DataNotification.parse(p, 0, p.length).withSecurity(security));
            } catch (DlmsException e) {
                if (!hint.isEmpty()) {
                    throw new DlmsException(DlmsErrorReason.DECRYPTION_FAILED,
                            "decrypted payload does not parse: " + e.getMessage() + hint);
                }
                throw e;
            }
        }
        if (p.length > 0 && p[0] == '/' && printable(p)) {
            return new DlmsPayload.TelegramText(new String(p, StandardCharsets.US_ASCII), security);
        }
        if (!hint.isEmpty()) {
            throw new DlmsException(DlmsErrorReason.DECRYPTION_FAILED, String.format(
                    "decrypted payload starts with 0x%02X, not a data-notification (0x0F) or a telegram ('/')%s",
                    p.length == 0 ? 0 : p[0] & 0xFF, hint));
        }
        throw new DlmsException(DlmsErrorReason.UNSUPPORTED_APDU, String.format(
                "ciphered APDU carries tag 0x%02X, which is not supported", p.length == 0 ? 0 : p[0] & 0xFF));
    }

    private static boolean printable(byte[] p) {
        for (byte b : p) {
            if ((b < 0x20 || b > 0x7E) && b != '\r' && b != '\n' && b != '\t' && b != 0x02) {
                return false;
            }
        }
        return true;
    }
}
