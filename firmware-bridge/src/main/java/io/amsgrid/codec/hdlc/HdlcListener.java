package io.amsgrid.codec.hdlc;

/**
 * Receives what an {@link HdlcFrameReader} finds, on the thread that calls {@code feed}.
 * A listener must not feed the same reader from inside a callback.
 */
public interface HdlcListener {
    /** A frame with valid HCS and FCS, or a complete reassembled segmented message. */
    void onFrame(HdlcFrame frame);

    /**
     * The reader calls this for every frame; by default it copies the frame out and calls
     * {@link #onFrame(HdlcFrame)}. Override it (and leave {@code onFrame(HdlcFrame)} empty) to
     * read frames without any allocation: the view points into the reader's buffer and is valid
     * only during this call.
     */
    default void onFrame(HdlcFrameView view) {
        onFrame(view.toFrame());
    }

    /** A rejected frame; the reader has already counted it and goes on with the next frame. */
    void onReject(HdlcReject reject);
}
