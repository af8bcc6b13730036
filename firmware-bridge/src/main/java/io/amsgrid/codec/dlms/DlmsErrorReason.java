package io.amsgrid.codec.dlms;

/** Why a DLMS/COSEM payload was rejected. Each has a message a user can act on. */
public enum DlmsErrorReason {
    /** The payload ended before a length or value it announced. */
    TRUNCATED,
    /** An A-XDR type tag this decoder does not know (or a non-data byte where data was expected). */
    UNKNOWN_TAG,
    /** An APDU other than data-notification, general-glo-ciphering or general-block-transfer. */
    UNSUPPORTED_APDU,
    /** A length field that is impossible (too long, wrong size for a fixed type, bytes left over). */
    BAD_LENGTH,
    /** The LLC header is not E6 E7 00 (or E6 E6 00). */
    BAD_LLC,
    /** Structures nested deeper than the decoder allows. */
    TOO_DEEP,
    /** Decryption gave a plaintext that is not an APDU: most likely the wrong encryption key. */
    DECRYPTION_FAILED,
    /** The GCM authentication tag did not match: wrong authentication key, wrong key, or corrupt data. */
    AUTHENTICATION_FAILED,
    /** The payload is encrypted and no encryption key was supplied. */
    KEY_REQUIRED,
    /** General-block-transfer blocks out of order, missing or inconsistent. */
    BAD_BLOCK_SEQUENCE,
    /** A date-time with impossible field values. */
    BAD_DATE_TIME
}
