package io.amsgrid.codec;

import io.amsgrid.codec.dlms.SecurityKeys;

/** The framed formats (HDLC, M-Bus, P1): built on the framing layer. */
final class Framed {

    private Framed() {
    }

    static DecodedList hdlc(HanFormat format, byte[] bytes, SecurityKeys keys) {
        throw new HanDecodeException(HanDecodeException.Layer.INPUT, "UNSUPPORTED_FORMAT", "not yet");
    }

    static DecodedList mbus(HanFormat format, byte[] bytes, SecurityKeys keys) {
        throw new HanDecodeException(HanDecodeException.Layer.INPUT, "UNSUPPORTED_FORMAT", "not yet");
    }

    static DecodedList en13757(byte[] bytes, SecurityKeys keys) {
        throw new HanDecodeException(HanDecodeException.Layer.INPUT, "UNSUPPORTED_FORMAT", "not yet");
    }

    static DecodedList p1(HanFormat format, String text) {
        throw new HanDecodeException(HanDecodeException.Layer.INPUT, "UNSUPPORTED_FORMAT", "not yet");
    }
}
