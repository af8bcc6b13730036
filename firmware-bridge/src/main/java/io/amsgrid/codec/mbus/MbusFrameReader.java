package io.amsgrid.codec.mbus;

import io.amsgrid.codec.stream.ByteStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stateful reader of M-Bus long frames (EN 13757-2 / IEC 60870-5-2 FT1.2), fed bytes in any
 * chunking; reassembles DLMS APDUs split over several long frames (Kaifa and Sagemcom meters in
 * PL and AT) and delivers them, or frames of other application layers, to the {@link MbusListener}.
 *
 * <pre>
 * +------+---+---+------+---+---+----+-------+-------+--------------------+----+------+
 * | 0x68 | L | L | 0x68 | C | A | CI | STSAP | DTSAP | APDU segment       | CS | 0x16 |
 * +------+---+---+------+---+---+----+-------+-------+--------------------+----+------+
 *                       |&lt;----------------- L bytes ----------------------&gt;|
 *
 * L      3..255, sent twice
 * C      control (0x53 / 0x73 SND_UD), A primary address
 * CI     0x00..0x1F: DLMS segment, bits 0-3 sequence number, bit 4 (0x10) last segment;
 *        other values: an EN 13757-3 application layer, delivered as an ApplicationFrame
 * CS     sum of C..last data byte, modulo 256
 * </pre>
 *
 * <p>Hunts for {@code 68 L L 68}: a 0x68 whose fourth byte is not 0x68 is garbage, skipped and
 * counted in {@link MbusStats#bytesDiscarded()}; two different length bytes (or a length below 3)
 * between the start bytes are a {@link MbusRejectReason#BAD_LENGTH} reject. After a reject it hunts again from the byte after the
 * rejected frame's first start byte. Same bytes give the same messages and rejects whatever the chunking. Segments of one
 * APDU must carry consecutive sequence numbers (mod 16) and the same A field. Not thread-safe.
 */
public final class MbusFrameReader extends ByteStreamReader {
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024;
    private static final int START = 0x68;
    private static final int STOP = 0x16;
    /** 68 L L 68 + L (max 255) + CS 16. */
    private static final int MAX_FRAME = 255 + 6;

    private final MbusListener listener;
    private final int maxMessageLength;
    private final MbusStats stats = new MbusStats();
    private boolean inFrame;

    private byte[] message = new byte[0];
    private int messageLength;
    private int segments;
    private int lastSequence;
    private int segmentAddress;
    private int segmentSourceTsap;
    private int segmentDestinationTsap;
    private long segmentOffset;

    public MbusFrameReader(MbusListener listener) {
        this(listener, DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public MbusFrameReader(MbusListener listener, int maxMessageLength) {
        super(MAX_FRAME + 1024);
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be positive, was " + maxMessageLength);
        }
        this.listener = listener;
        this.maxMessageLength = maxMessageLength;
    }

    public MbusStats stats() {
        return stats;
    }

    /** End of input: a frame in progress is TRUNCATED, held segments are SEGMENT_MISSING. */
    public void endOfInput() {
        process(true);
        stats.discarded(tail - head);
        base += tail;
        head = 0;
        tail = 0;
        inFrame = false;
        if (segments > 0) {
            dropSegments(MbusRejectReason.SEGMENT_MISSING, "input ended after " + segments
                    + " segment(s), before the last segment (CI bit 0x10)");
        }
    }

    /**
     * Reads every message in {@code bytes} (then end of input).
     *
     * @throws MbusException at the first reject
     */
    public static List<MbusMessage> readMessages(byte[] bytes) {
        List<MbusMessage> messages = new ArrayList<>();
        MbusFrameReader reader = new MbusFrameReader(new MbusListener() {
            @Override
            public void onMessage(MbusMessage message) {
                messages.add(message);
            }

            @Override
            public void onReject(MbusReject reject) {
                throw new MbusException(reject);
            }
        });
        reader.feed(bytes);
        reader.endOfInput();
        return messages;
    }

    @Override
    protected void process(boolean atEnd) {
        for (;;) {
            if (!inFrame) {
                int i = head;
                while (i < tail && (buf[i] & 0xFF) != START) {
                    i++;
                }
                stats.discarded(i - head);
                head = i;
                if (i == tail) {
                    return;
                }
                inFrame = true;
            }
            int avail = tail - head;
            if (avail < 4) {
                if (atEnd) {
                    reject(MbusRejectReason.TRUNCATED, "input ended inside the frame start after " + avail + " bytes");
                    continue;
                }
                return;
            }
            int l1 = buf[head + 1] & 0xFF;
            int l2 = buf[head + 2] & 0xFF;
            if ((buf[head + 3] & 0xFF) != START) {
                // not the start of a long frame (68 L L 68): garbage, hunt on
                stats.discarded(1);
                head++;
                inFrame = false;
                continue;
            }
            if (l1 != l2 || l1 < 3) {
                reject(MbusRejectReason.BAD_LENGTH, l1 != l2
                        ? String.format("length bytes differ: 0x%02X and 0x%02X", l1, l2)
                        : "length " + l1 + " below 3 (C, A, CI)");
                continue;
            }
            int need = l1 + 6;
            if (avail < need) {
                if (atEnd) {
                    reject(MbusRejectReason.TRUNCATED, "long frame of " + need + " bytes, input ended after " + avail);
                    continue;
                }
                return;
            }
            int sum = 0;
            for (int i = head + 4, end = head + 4 + l1; i < end; i++) {
                sum += buf[i] & 0xFF;
            }
            sum &= 0xFF;
            int sent = buf[head + 4 + l1] & 0xFF;
            int stop = buf[head + 5 + l1] & 0xFF;
            if (stop != STOP || sum != sent) {
                MbusRejectReason reason = stop != STOP ? MbusRejectReason.NO_STOP_BYTE : MbusRejectReason.BAD_CHECKSUM;
                String detail = stop != STOP
                        ? String.format("byte 0x%02X after the checksum is not the stop byte 0x16", stop)
                        : String.format("checksum 0x%02X, computed 0x%02X", sent, sum);
                if (newFrameInside(head, head + need)) {
                    reject(MbusRejectReason.TRUNCATED, "a new long frame starts before the declared length "
                            + l1 + " (" + detail + ")");
                } else {
                    reject(reason, detail);
                }
                continue;
            }
            accept(head, l1);
            head += need;
            inFrame = false;
        }
    }

    private boolean newFrameInside(int from, int to) {
        for (int i = from + 1; i + 3 < to; i++) {
            if ((buf[i] & 0xFF) == START && (buf[i + 3] & 0xFF) == START && buf[i + 1] == buf[i + 2]
                    && (buf[i + 1] & 0xFF) >= 3) {
                return true;
            }
        }
        return false;
    }

    private void accept(int start, int length) {
        int control = buf[start + 4] & 0xFF;
        int address = buf[start + 5] & 0xFF;
        int ci = buf[start + 6] & 0xFF;
        int dataOff = start + 7;
        int dataLen = length - 3;
        if ((ci & 0xE0) != 0) {
            if (segments > 0) {
                dropSegments(MbusRejectReason.SEGMENT_MISSING, String.format(
                        "a frame with CI 0x%02X arrived before the last DLMS segment", ci));
            }
            stats.messageOk();
            listener.onMessage(new MbusMessage.ApplicationFrame(control, address, ci,
                    Arrays.copyOfRange(buf, dataOff, dataOff + dataLen)));
            return;
        }
        if (dataLen < 2) {
            rejectAccepted(start, MbusRejectReason.BAD_TRANSPORT_HEADER, String.format(
                    "DLMS segment (CI 0x%02X) has %d bytes of user data, needs at least STSAP and DTSAP", ci, dataLen));
            return;
        }
        int sequence = ci & 0x0F;
        boolean last = (ci & 0x10) != 0;
        if (segments > 0 && (sequence != ((lastSequence + 1) & 0x0F) || address != segmentAddress)) {
            dropSegments(MbusRejectReason.SEGMENT_OUT_OF_ORDER, String.format(
                    "segment %d (A=0x%02X) does not follow segment %d (A=0x%02X)", sequence, address,
                    lastSequence, segmentAddress));
        }
        if (segments == 0) {
            segmentOffset = base + start;
            segmentAddress = address;
            segmentSourceTsap = buf[dataOff] & 0xFF;
            segmentDestinationTsap = buf[dataOff + 1] & 0xFF;
        }
        int n = dataLen - 2;
        if (messageLength + n > maxMessageLength) {
            int total = messageLength + n;
            segments++;
            dropSegments(MbusRejectReason.TOO_LONG, "DLMS APDU reaches " + total + " bytes, above the maximum "
                    + maxMessageLength);
            return;
        }
        if (message.length < messageLength + n) {
            message = Arrays.copyOf(message, Math.min(maxMessageLength, Math.max(2 * message.length, messageLength + n)));
        }
        System.arraycopy(buf, dataOff + 2, message, messageLength, n);
        messageLength += n;
        segments++;
        lastSequence = sequence;
        if (!last) {
            stats.segmentOk();
            return;
        }
        MbusMessage apdu = new MbusMessage.DlmsApdu(control, address, segmentSourceTsap, segmentDestinationTsap,
                Arrays.copyOf(message, messageLength), segments);
        segments = 0;
        messageLength = 0;
        stats.messageOk();
        listener.onMessage(apdu);
    }

    /** A frame that passed the link layer but is unusable: reported, and skipped as a whole. */
    private void rejectAccepted(int start, MbusRejectReason reason, String message) {
        stats.reject(reason);
        listener.onReject(new MbusReject(reason, message, base + start));
        if (segments > 0) {
            dropSegments(MbusRejectReason.SEGMENT_MISSING, "a segment was rejected (" + reason + ")");
        }
    }

    private void reject(MbusRejectReason reason, String message) {
        stats.reject(reason);
        listener.onReject(new MbusReject(reason, message, base + head));
        stats.discarded(1);
        head++;
        inFrame = false;
        if (segments > 0) {
            dropSegments(MbusRejectReason.SEGMENT_MISSING, "a frame was rejected (" + reason + ") while "
                    + segments + " DLMS segment(s) were held");
        }
    }

    private void dropSegments(MbusRejectReason reason, String why) {
        segments = 0;
        messageLength = 0;
        stats.reject(reason);
        listener.onReject(new MbusReject(reason, why, segmentOffset));
    }

}
