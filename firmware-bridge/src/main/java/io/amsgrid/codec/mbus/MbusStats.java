package io.amsgrid.codec.mbus;

import io.amsgrid.codec.stream.StreamStats;

/**
 * Counters of one {@link MbusFrameReader}: messages delivered, segments held, rejects per reason,
 * bytes discarded (bytes that were not part of a good long frame). Not thread-safe: read it on the
 * thread that feeds the reader, or after feeding stopped.
 */
public final class MbusStats extends StreamStats<MbusRejectReason> {
    private long messagesOk;
    private long segmentsOk;

    MbusStats() {
        super(MbusRejectReason.class);
    }

    void messageOk() {
        messagesOk++;
    }

    void segmentOk() {
        segmentsOk++;
    }

    void reject(MbusRejectReason reason) {
        countReject(reason);
    }

    void discarded(long bytes) {
        countDiscarded(bytes);
    }

    /** Messages delivered to the listener. */
    public long messagesOk() {
        return messagesOk;
    }

    /** Valid DLMS segments held for reassembly (not the last one). */
    public long segmentsOk() {
        return segmentsOk;
    }

    @Override
    public String toString() {
        return describe("messagesOk", messagesOk);
    }
}
