package io.amsgrid.codec.mbus;

/** Why an EN 13757-3 application layer could not be decoded. */
public enum En13757RejectReason {
    /** No single long frame with an application layer in the input. */
    NOT_AN_APPLICATION_FRAME,
    /** CI field without a long header (only 0x72 and 0x5B are decoded: the IV needs the header's id). */
    UNSUPPORTED_CI,
    /** Security mode other than 0 (none) and 5 (AES-128-CBC, IV from the header). */
    UNSUPPORTED_SECURITY_MODE,
    /** Encrypted, but no key was given. */
    KEY_MISSING,
    /** Decrypted data does not start with the 2F 2F check bytes: wrong key (or corrupt data). */
    WRONG_KEY,
    /** The header or the data records are cut short or malformed. */
    MALFORMED
}
