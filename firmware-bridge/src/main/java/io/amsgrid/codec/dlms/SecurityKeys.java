package io.amsgrid.codec.dlms;

import java.util.HexFormat;

/**
 * The keys a meter owner gets from the grid company for an encrypted HAN port: the global
 * unicast encryption key (GUEK) and, for security control 0x30, the authentication key (GAK).
 * Either may be absent. {@link #toString()} never shows key material.
 */
public record SecurityKeys(byte[] encryptionKey, byte[] authenticationKey) {

    public static final SecurityKeys NONE = new SecurityKeys(null, null);

    public SecurityKeys {
        checkLength(encryptionKey, "encryption key");
        checkLength(authenticationKey, "authentication key");
    }

    /** From hex strings; null or blank means absent. */
    public static SecurityKeys ofHex(String encryptionKeyHex, String authenticationKeyHex) {
        return new SecurityKeys(parse(encryptionKeyHex, "encryption key"), parse(authenticationKeyHex, "authentication key"));
    }

    public boolean hasEncryptionKey() {
        return encryptionKey != null;
    }

    public boolean hasAuthenticationKey() {
        return authenticationKey != null;
    }

    private static byte[] parse(String hex, String what) {
        if (hex == null || hex.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hexadecimal (expected 32 hex digits)");
        }
    }

    private static void checkLength(byte[] key, String what) {
        if (key != null && key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException(what + " must be 16 bytes (32 hex digits) or 32 bytes, got " + key.length + " bytes");
        }
    }

    @Override
    public String toString() {
        return "SecurityKeys[encryptionKey=" + (encryptionKey == null ? "none" : "***")
                + ", authenticationKey=" + (authenticationKey == null ? "none" : "***") + "]";
    }
}
