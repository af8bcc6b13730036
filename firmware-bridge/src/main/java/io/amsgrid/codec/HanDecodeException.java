package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DlmsException;

/**
 * Why an input could not be decoded: the protocol layer that rejected it and a code (the name of
 * that layer's reason enum, e.g. {@code BAD_FCS}, {@code DECRYPTION_FAILED}, {@code BAD_CRC}),
 * plus a message a user can act on. Stackless: a rejected frame is data, not a bug.
 */
public final class HanDecodeException extends RuntimeException {

    /** The layer that rejected the input. */
    public enum Layer { INPUT, HDLC, MBUS, DLMS, METER, P1 }

    private final Layer layer;
    private final String code;

    public HanDecodeException(Layer layer, String code, String message) {
        super(message, null, false, false);
        this.layer = layer;
        this.code = code;
    }

    public static HanDecodeException of(DlmsException e) {
        return new HanDecodeException(Layer.DLMS, e.reason().name(), e.getMessage());
    }

    public Layer layer() {
        return layer;
    }

    /** The reason, e.g. {@code BAD_FCS}; unique together with {@link #layer()}. */
    public String code() {
        return code;
    }
}
