package io.amsgrid.codec.hdlc;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one {@link HdlcFrameReader}: frames delivered, rejects per reason, bytes discarded
 * (non-flag bytes that were not part of a delivered frame). Not thread-safe: read it on the thread
 * that feeds the reader, or after feeding stopped.
 */
public final class HdlcStats {
    private static final HdlcRejectReason[] REASONS = HdlcRejectReason.values();
    private final long[] rejects = new long[REASONS.length];
    private long framesOk;
    private long segmentsOk;
    private long bytesDiscarded;

    void frameOk() {
        framesOk++;
    }

    void segmentOk() {
        segmentsOk++;
    }

    void reject(HdlcRejectReason reason) {
        rejects[reason.ordinal()]++;
    }

    void discarded(long bytes) {
        bytesDiscarded += bytes;
    }

    /** Frames (and reassembled messages) delivered to the listener. */
    public long framesOk() {
        return framesOk;
    }

    /** Valid frames with the segmentation bit set, held for reassembly. */
    public long segmentsOk() {
        return segmentsOk;
    }

    public long bytesDiscarded() {
        return bytesDiscarded;
    }

    public long rejects(HdlcRejectReason reason) {
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
    public Map<HdlcRejectReason, Long> rejectsByReason() {
        Map<HdlcRejectReason, Long> map = new EnumMap<>(HdlcRejectReason.class);
        for (HdlcRejectReason r : REASONS) {
            if (rejects[r.ordinal()] > 0) {
                map.put(r, rejects[r.ordinal()]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "framesOk=" + framesOk + " rejects=" + rejectsByReason() + " bytesDiscarded=" + bytesDiscarded;
    }
}
