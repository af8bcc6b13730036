package io.amsgrid.codec.hdlc;

import java.util.Arrays;

/**
 * A reusable, allocation-free view of one valid frame inside a buffer the view does not own: the
 * hot-path alternative to {@link HdlcFrame}. Valid until the next {@link #wrap} or, when handed
 * out by an {@link HdlcFrameReader}, until the listener call returns. Not thread-safe.
 *
 * <pre>{@code
 * HdlcFrameView view = new HdlcFrameView();      // once
 * view.wrap(bytes, 0, bytes.length);             // per frame: checks like HdlcFrame.parse
 * decode(view.buffer(), view.informationOffset(), view.informationLength());
 * }</pre>
 */
public final class HdlcFrameView {
    private final HdlcHeader header = new HdlcHeader();
    private byte[] buffer;
    private int informationOffset;
    private int informationLength;
    private int format;
    private int destination;
    private int destinationLength;
    private int source;
    private int sourceLength;
    private int control;
    private int segmentCount;

    /**
     * Checks one complete frame, flag to flag, exactly as {@link HdlcFrame#parse(byte[], int, int)}
     * does, and points this view at it.
     *
     * @throws HdlcException with the reason when the frame is not valid
     */
    public HdlcFrameView wrap(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " array length=" + buf.length);
        }
        if (len < 2 || buf[off] != HdlcHeader.FLAG) {
            throw new HdlcException(HdlcRejectReason.BAD_FORMAT, "a frame starts with the flag 0x7E");
        }
        HdlcHeader h = header;
        int r = h.parse(buf, off, off + len, 0x07FF);
        if (r == HdlcHeader.NEED_MORE) {
            throw new HdlcException(HdlcRejectReason.TRUNCATED, "input ends inside the frame header after " + len
                    + " bytes");
        }
        if (r != HdlcHeader.OK) {
            throw new HdlcException(h.reason, h.message);
        }
        int need = h.length + 2;
        if (len != need) {
            throw new HdlcException(len < need ? HdlcRejectReason.TRUNCATED : HdlcRejectReason.BAD_LENGTH,
                    "length field says " + h.length + " bytes between the flags (" + need + " with flags), input has "
                            + len);
        }
        HdlcReject reject = HdlcFrameReader.checkTrailer(buf, off, h);
        if (reject != null) {
            throw new HdlcException(reject);
        }
        set(buf, off + h.informationOffset(), h.informationLength(), h, 1);
        return this;
    }

    void set(byte[] buf, int infoOff, int infoLen, HdlcHeader h, int segments) {
        buffer = buf;
        informationOffset = infoOff;
        informationLength = infoLen;
        format = h.format;
        destination = h.destination;
        destinationLength = h.destinationLength;
        source = h.source;
        sourceLength = h.sourceLength;
        control = h.control;
        segmentCount = segments;
    }

    /** The buffer holding the information field (not a copy: do not modify, do not keep). */
    public byte[] buffer() {
        return buffer;
    }

    public int informationOffset() {
        return informationOffset;
    }

    public int informationLength() {
        return informationLength;
    }

    public int format() {
        return format;
    }

    public int length() {
        return format & 0x07FF;
    }

    public boolean segmented() {
        return (format & 0x0800) != 0;
    }

    public int control() {
        return control;
    }

    public int segmentCount() {
        return segmentCount;
    }

    /** A self-contained {@link HdlcFrame} with a copy of the information field. */
    public HdlcFrame toFrame() {
        return new HdlcFrame(format, destination, destinationLength, source, sourceLength, control,
                Arrays.copyOfRange(buffer, informationOffset, informationOffset + informationLength), segmentCount);
    }
}
