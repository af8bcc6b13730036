package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.stream.ByteStreamReader;
import io.amsgrid.codec.crc.Crc16X25;

import java.util.ArrayList;
import java.util.List;

/**
 * Stateful HDLC frame reader for a HAN port: feed it bytes in any chunking (a serial port delivers
 * 1..n bytes at a time) and it delivers every valid frame, and every rejected one with its
 * {@link HdlcRejectReason}, to the {@link HdlcListener}. The frame layout is drawn in
 * {@link HdlcFrame}.
 *
 * <p>How it reads:
 * <ul>
 *   <li>Hunts for the flag 0x7E. A flag followed by a flag is idle fill; a flag followed by
 *       anything but a type-3 format byte (0xA0..0xAF) is garbage, skipped and counted in
 *       {@link HdlcStats#bytesDiscarded()}.</li>
 *   <li>Takes the frame length from the 11-bit length field; there is no byte stuffing on HAN,
 *       0x7E inside a frame is data. Lengths above {@code maxFrameLength} are rejected at once.</li>
 *   <li>Checks the HCS as soon as the header is in (so a garbage length field costs no waiting),
 *       then the closing flag and the FCS once the declared length is in.</li>
 *   <li>The closing flag of one frame may be the opening flag of the next (shared flag).</li>
 *   <li>After any reject it hunts again from the byte right after the rejected frame's opening
 *       flag, so a good frame that starts inside the rejected bytes is still found. A rejected
 *       frame that has a valid frame header inside it is reported as
 *       {@link HdlcRejectReason#TRUNCATED}. Such a following good frame is delivered once the
 *       truncated frame's declared length has arrived.</li>
 *   <li>Segments (segmentation bit 0x0800) are held until the segment without the bit arrives,
 *       then delivered as one frame whose information field is the concatenation. A frame from
 *       another station while segments are held drops them ({@link HdlcRejectReason#SEGMENT_OUT_OF_ORDER})
 *       and is read fresh; an I frame whose N(S) does not follow drops them and the rest of the
 *       message. A reject while reassembling drops the held segments ({@link HdlcRejectReason#SEGMENT_MISSING});
 *       when the rejected frame was, or may have been, a non-final segment, the valid frames that
 *       continue the broken message are dropped too, up to and including the next frame without
 *       the S bit (one more SEGMENT_MISSING), so no message with a hole is ever delivered. If the
 *       lost frame was in fact the last segment, this costs the next message.</li>
 * </ul>
 *
 * <p>Decisions depend only on the bytes, never on how they were chunked: the same bytes give the
 * same frames and rejects whether fed at once or one byte at a time. Nothing is allocated per
 * frame except the delivered {@link HdlcFrame} (and a reject with its message); a listener that
 * overrides {@link HdlcListener#onFrame(HdlcFrameView)} gets the frames with no allocation at all
 * (the reassembly buffer grows once, to the largest message seen). Not thread-safe:
 * one reader per port, fed from one thread.
 */
public final class HdlcFrameReader extends ByteStreamReader {
    /** The largest value the 11-bit length field can carry. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 0x07FF;
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024;
    private static final byte FLAG = HdlcHeader.FLAG;

    private final HdlcListener listener;
    private final int maxFrameLength;
    private final HdlcStats stats = new HdlcStats();
    private final HdlcHeader header = new HdlcHeader();
    private final HdlcHeader scratch = new HdlcHeader();
    private final HdlcReassembler reassembler;
    /** head is at an opening flag candidate. */
    private boolean inFrame;
    private boolean headerParsed;

    public HdlcFrameReader(HdlcListener listener) {
        this(listener, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_MESSAGE_LENGTH);
    }

    /**
     * @param maxFrameLength   largest accepted length field (bytes between the flags), 7..2047
     * @param maxMessageLength largest reassembled information field of a segmented message
     */
    public HdlcFrameReader(HdlcListener listener, int maxFrameLength, int maxMessageLength) {
        super(bufferSize(maxFrameLength, maxMessageLength));
        this.listener = listener;
        this.maxFrameLength = maxFrameLength;
        this.reassembler = new HdlcReassembler(listener, stats, maxMessageLength);
    }

    private static int bufferSize(int maxFrameLength, int maxMessageLength) {
        if (maxFrameLength < HdlcHeader.MIN_LENGTH || maxFrameLength > DEFAULT_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be 7..2047, was " + maxFrameLength);
        }
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be positive, was " + maxMessageLength);
        }
        return maxFrameLength + 2 + 1024;
    }

    public HdlcStats stats() {
        return stats;
    }

    /**
     * End of input (port closed, file ended): a frame in progress is rejected as
     * {@link HdlcRejectReason#TRUNCATED}, held segments as {@link HdlcRejectReason#SEGMENT_MISSING},
     * and any complete frame found after it is still delivered. The reader can be fed again after.
     */
    public void endOfInput() {
        process(true);
        if (tail - head > 1 || (tail > head && buf[head] != FLAG)) {
            stats.discarded(tail - head); // cannot happen after process(true): kept as a guard
        }
        base += tail;
        head = 0;
        tail = 0;
        inFrame = false;
        headerParsed = false;
        reassembler.endOfInput();
    }

    /**
     * Reads every frame in {@code bytes} (then end of input).
     *
     * @throws HdlcException at the first reject
     */
    public static List<HdlcFrame> readFrames(byte[] bytes) {
        List<HdlcFrame> frames = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                frames.add(frame);
            }

            @Override
            public void onReject(HdlcReject reject) {
                throw new HdlcException(reject);
            }
        });
        reader.feed(bytes);
        reader.endOfInput();
        return frames;
    }

    @Override
    protected void process(boolean atEnd) {
        for (;;) {
            if (!inFrame) {
                int i = head;
                while (i < tail && buf[i] != FLAG) {
                    i++;
                }
                stats.discarded(i - head);
                head = i;
                if (i == tail) {
                    return;
                }
                inFrame = true;
                headerParsed = false;
            }
            if (tail - head < 2) {
                return;
            }
            byte b1 = buf[head + 1];
            if (b1 == FLAG) {
                head++;
                continue;
            }
            if ((b1 & 0xF0) != 0xA0) {
                head++;
                inFrame = false;
                continue;
            }
            if (!headerParsed) {
                int r = header.parse(buf, head, tail, maxFrameLength);
                if (r == HdlcHeader.NEED_MORE) {
                    if (atEnd) {
                        reject(HdlcRejectReason.TRUNCATED, "input ended inside the frame header after "
                                + (tail - head) + " bytes");
                        continue;
                    }
                    return;
                }
                if (r != HdlcHeader.OK) {
                    reject(header.reason, header.message);
                    continue;
                }
                headerParsed = true;
            }
            int need = header.length + 2;
            if (tail - head < need) {
                if (atEnd) {
                    reject(HdlcRejectReason.TRUNCATED, "length field says " + need + " bytes with flags, input ended after "
                            + (tail - head));
                    continue;
                }
                return;
            }
            HdlcReject bad = checkTrailer(buf, head, header);
            if (bad != null) {
                if (newFrameInside(head, head + need)) {
                    reject(HdlcRejectReason.TRUNCATED, "a new frame starts before the declared length "
                            + header.length + " (" + bad.message() + ")");
                } else {
                    reject(bad.reason(), bad.message());
                }
                continue;
            }
            accept();
            head += header.length + 1; // the closing flag may open the next frame
            headerParsed = false;
        }
    }

    /** Null when the closing flag and FCS of the frame at {@code flag} with header {@code h} are right. */
    static HdlcReject checkTrailer(byte[] buf, int flag, HdlcHeader h) {
        int fcsAt = flag + h.length - 1;
        int sent = (buf[fcsAt] & 0xFF) | (buf[fcsAt + 1] & 0xFF) << 8;
        int computed = Crc16X25.compute(buf, flag + 1, h.length - 2);
        byte closing = buf[flag + h.length + 1];
        if (closing != FLAG) {
            return new HdlcReject(HdlcRejectReason.NO_CLOSING_FLAG, String.format(
                    "byte 0x%02X after the declared length %d is not the flag 0x7E (FCS %s)",
                    closing, h.length, sent == computed ? "ok" : "also wrong"), flag);
        }
        if (sent != computed) {
            return new HdlcReject(HdlcRejectReason.BAD_FCS, String.format(
                    "frame check sequence 0x%04X, computed 0x%04X over %d bytes", sent, computed, h.length - 2), flag);
        }
        return null;
    }

    /** True when a flag followed by a complete header with a valid HCS lies in buf(from, to). */
    private boolean newFrameInside(int from, int to) {
        for (int i = from + 1; i < to - 1; i++) {
            if (buf[i] == FLAG && buf[i + 1] != FLAG && scratch.parse(buf, i, to, maxFrameLength) == HdlcHeader.OK) {
                return true;
            }
        }
        return false;
    }

    private void accept() {
        reassembler.onValidFrame(buf, head, header, base + head);
    }

    private void reject(HdlcRejectReason reason, String message) {
        long offset = base + head;
        stats.reject(reason);
        listener.onReject(new HdlcReject(reason, message, offset));
        reassembler.onRejectedFrame(reason, headerParsed ? header : null, offset);
        head++;
        inFrame = false;
        headerParsed = false;
    }

}
