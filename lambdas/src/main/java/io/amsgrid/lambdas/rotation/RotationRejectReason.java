package io.amsgrid.lambdas.rotation;

/** Why a rotation request is refused; the code the device gets in {@code error.code}. */
public enum RotationRejectReason {
    /** requestId or csr missing or malformed, or the topic has no thing name. */
    BAD_REQUEST,
    /** The MQTT client id of the connection is not the thing name of the topic. */
    CLIENT_ID_MISMATCH,
    /** The connection's certificate is not attached to the thing of the topic (or no such thing). */
    NOT_ATTACHED,
    /** Not a PKCS#10 CSR, or its signature does not verify. */
    BAD_CSR,
    /** The CSR's key is not EC P-256/P-384 or RSA of at least 2048 bits. */
    KEY_NOT_ALLOWED,
    /** The CSR's subject CN is not the thing name. */
    SUBJECT_MISMATCH
}
