package io.amsgrid.codec.mbus;

/**
 * Receives what an {@link MbusFrameReader} finds, on the thread that calls {@code feed}.
 * A listener must not feed the same reader from inside a callback.
 */
public interface MbusListener {
    /** A reassembled DLMS APDU, or a long frame with another application layer (EN 13757-3). */
    void onMessage(MbusMessage message);

    void onReject(MbusReject reject);
}
