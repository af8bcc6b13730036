package io.amsgrid.codec.hdlc;

import java.util.Arrays;

/**
 * Joins segmented HDLC messages (S bit 0x0800) for {@link HdlcFrameReader}: held segments must
 * come from the same station and, for I frames, carry consecutive N(S). A message is never
 * delivered with a hole: after a lost or out-of-sequence segment the rest of that message is
 * dropped up to and including its frame without the S bit. Package-private.
 */
final class HdlcReassembler {
    private final HdlcListener listener;
    private final HdlcStats stats;
    private final int maxMessageLength;
    private final HdlcFrameView view = new HdlcFrameView();

    private byte[] message = new byte[0];
    private int messageLength;
    private int segments;
    private int segmentDestination;
    private int segmentSource;
    private int segmentControl;
    private long segmentOffset;
    /** After a lost segment: drop frames up to and including the next one without the S bit. */
    private boolean skipping;
    private int skipped;
    private long skipOffset = -1;

    HdlcReassembler(HdlcListener listener, HdlcStats stats, int maxMessageLength) {
        this.listener = listener;
        this.stats = stats;
        this.maxMessageLength = maxMessageLength;
    }

    /** A frame with valid HCS, FCS and closing flag whose opening flag is at {@code buf[flag]}. */
    void onValidFrame(byte[] buf, int flag, HdlcHeader h, long offset) {
        if (skipping) {
            skip(h);
            return;
        }
        if (segments > 0) {
            boolean sameStation = h.destination == segmentDestination && h.source == segmentSource;
            if (!sameStation) {
                // another station's frame cannot continue this message: drop the held part, read it fresh
                dropSegments(String.format("frame dst=%X src=%X arrived while a segmented message from dst=%X"
                                + " src=%X was incomplete", h.destination, h.source, segmentDestination, segmentSource),
                        HdlcRejectReason.SEGMENT_OUT_OF_ORDER);
            } else if (!sequenceContinues(h)) {
                dropSegments(String.format("control 0x%02X does not follow control 0x%02X: a segment is missing",
                        h.control, segmentControl), HdlcRejectReason.SEGMENT_OUT_OF_ORDER);
                skipping = true;
                skipOffset = offset;
                skip(h);
                return;
            }
        }
        if (!h.segmented() && segments == 0) {
            stats.frameOk();
            view.set(buf, flag + h.informationOffset(), h.informationLength(), h, 1);
            listener.onFrame(view);
            return;
        }
        int n = h.informationLength();
        if (segments == 0) {
            segmentOffset = offset;
        }
        if (messageLength + n > maxMessageLength) {
            int total = messageLength + n;
            segments++;
            dropSegments("segmented message reaches " + total + " bytes, above the maximum " + maxMessageLength,
                    HdlcRejectReason.TOO_LONG);
            if (h.segmented()) {
                skipping = true; // drop the rest of this message
                skipOffset = offset;
            }
            return;
        }
        if (message.length < messageLength + n) {
            message = Arrays.copyOf(message, Math.min(maxMessageLength, Math.max(2 * message.length, messageLength + n)));
        }
        System.arraycopy(buf, flag + h.informationOffset(), message, messageLength, n);
        messageLength += n;
        segments++;
        segmentDestination = h.destination;
        segmentSource = h.source;
        segmentControl = h.control;
        if (h.segmented()) {
            stats.segmentOk();
            return;
        }
        view.set(message, 0, messageLength, h, segments);
        messageLength = 0;
        segments = 0;
        stats.frameOk();
        listener.onFrame(view);
    }

    /** UI frames carry no sequence number; I frames must carry the next N(S) (mod 8). */
    private boolean sequenceContinues(HdlcHeader h) {
        boolean iFrame = (h.control & 1) == 0;
        boolean previousIFrame = (segmentControl & 1) == 0;
        if (iFrame != previousIFrame) {
            return false;
        }
        return !iFrame || ((h.control >>> 1) & 7) == (((segmentControl >>> 1) + 1) & 7);
    }

    /**
     * The reader rejected a frame; {@code header} is its header when that was valid (HCS ok),
     * else null (then it may have been any segment).
     */
    void onRejectedFrame(HdlcRejectReason reason, HdlcHeader header, long offset) {
        boolean knownLast = header != null && !header.segmented();
        boolean knownSegment = header != null && header.segmented();
        if (segments > 0) {
            dropSegments("a frame was rejected (" + reason + ") while " + segments
                    + " segment(s) of a segmented message were held");
            skipping = !knownLast;
        } else if (knownSegment) {
            skipping = true;
        }
        if (skipping && skipOffset < 0) {
            skipOffset = offset;
        }
    }

    void endOfInput() {
        if (segments > 0) {
            dropSegments("input ended after " + segments + " segment(s) of a segmented message");
        }
        skipping = false;
        skipped = 0;
        skipOffset = -1;
    }

    /**
     * Drops a valid frame that continues a message whose segment was lost: delivering the rest
     * would hand the DLMS layer a message with a hole. Ends with the frame without the S bit.
     */
    private void skip(HdlcHeader h) {
        skipped++;
        if (h.segmented()) {
            return;
        }
        stats.reject(HdlcRejectReason.SEGMENT_MISSING);
        listener.onReject(new HdlcReject(HdlcRejectReason.SEGMENT_MISSING, "dropped " + skipped
                + " valid frame(s) that continued a segmented message with a lost segment", skipOffset));
        skipping = false;
        skipped = 0;
        skipOffset = -1;
    }

    private void dropSegments(String why) {
        dropSegments(why, HdlcRejectReason.SEGMENT_MISSING);
    }

    private void dropSegments(String why, HdlcRejectReason reason) {
        long offset = segmentOffset;
        segments = 0;
        messageLength = 0;
        stats.reject(reason);
        listener.onReject(new HdlcReject(reason, why, offset));
    }

}
