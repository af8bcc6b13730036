package io.amsgrid.codec.hdlc;

/** Receives what an {@link HdlcFrameReader} finds, on the thread that calls {@code feed}. */
public interface HdlcListener {
    /** A frame with valid HCS and FCS, or a complete reassembled segmented message. */
    void onFrame(HdlcFrame frame);

    /** A rejected frame; the reader has already counted it and goes on with the next frame. */
    void onReject(HdlcReject reject);
}
