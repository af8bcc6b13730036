package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.stream.StreamStats;

/**
 * Counters of one {@link HdlcFrameReader}: frames delivered, segments held, rejects per reason,
 * bytes discarded (non-flag bytes that were not part of a delivered frame). Not thread-safe: read
 * it on the thread that feeds the reader, or after feeding stopped.
 */
public final class HdlcStats extends StreamStats<HdlcRejectReason> {
    private long framesOk;
    private long segmentsOk;

    HdlcStats() {
        super(HdlcRejectReason.class);
    }

    void frameOk() {
        framesOk++;
    }

    void segmentOk() {
        segmentsOk++;
    }

    void reject(HdlcRejectReason reason) {
        countReject(reason);
    }

    void discarded(long bytes) {
        countDiscarded(bytes);
    }

    /** Frames (and reassembled messages) delivered to the listener. */
    public long framesOk() {
        return framesOk;
    }

    /** Valid frames with the segmentation bit set, held for reassembly. */
    public long segmentsOk() {
        return segmentsOk;
    }

    @Override
    public String toString() {
        return describe("framesOk", framesOk);
    }
}
