package io.amsgrid.codec.mbus;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one {@link MbusFrameReader}: messages delivered, rejects per reason, bytes discarded
 * (bytes that were not part of a good long frame). Not thread-safe: read it on the thread
 * that feeds the reader, or after feeding stopped.
 */
public final class MbusStats {
    private static final MbusRejectReason[] REASONS = MbusRejectReason.values();
    private final long[] rejects = new long[REASONS.length];
    private long messagesOk;
    private long segmentsOk;
    private long bytesDiscarded;

    void messageOk() {
        messagesOk++;
    }

    void segmentOk() {
        segmentsOk++;
    }

    void reject(MbusRejectReason reason) {
        rejects[reason.ordinal()]++;
    }

    void discarded(long bytes) {
        bytesDiscarded += bytes;
    }

    /** Messages delivered to the listener. */
    public long messagesOk() {
        return messagesOk;
    }

    /** Valid DLMS segments held for reassembly (not the last one). */
    public long segmentsOk() {
        return segmentsOk;
    }

    public long bytesDiscarded() {
        return bytesDiscarded;
    }

    public long rejects(MbusRejectReason reason) {
        return rejects[reason.ordinal()];
    }

    public long totalRejects() {
        long sum = 0;
        for (long r : rejects) {
            sum += r;
        }
        return sum;
    }

    /** The non-zero reject counters, in enum order. */
    public Map<MbusRejectReason, Long> rejectsByReason() {
        Map<MbusRejectReason, Long> map = new EnumMap<>(MbusRejectReason.class);
        for (MbusRejectReason r : REASONS) {
            if (rejects[r.ordinal()] > 0) {
                map.put(r, rejects[r.ordinal()]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "messagesOk=" + messagesOk + " rejects=" + rejectsByReason() + " bytesDiscarded=" + bytesDiscarded;
    }
}
