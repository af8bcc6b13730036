package io.amsgrid.codec.p1;

import io.amsgrid.codec.stream.StreamStats;

/**
 * Counters of one {@link P1Reader}: telegrams delivered, rejects per reason, bytes discarded
 * (bytes outside delivered telegrams, line ends not counted). Not thread-safe: read it on the
 * thread that feeds the reader, or after feeding stopped.
 */
public final class P1Stats extends StreamStats<P1RejectReason> {
    private long telegramsOk;

    P1Stats() {
        super(P1RejectReason.class);
    }

    void telegramOk() {
        telegramsOk++;
    }

    void reject(P1RejectReason reason) {
        countReject(reason);
    }

    void discarded(long bytes) {
        countDiscarded(bytes);
    }

    /** Telegrams delivered to the listener. */
    public long telegramsOk() {
        return telegramsOk;
    }

    @Override
    public String toString() {
        return describe("telegramsOk", telegramsOk);
    }
}
