package io.amsgrid.codec.p1;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one {@link P1Reader}: telegrams delivered, rejects per reason, bytes discarded
 * (bytes outside delivered telegrams, line ends not counted). Not thread-safe: read it on the thread
 * that feeds the reader, or after feeding stopped.
 */
public final class P1Stats {
    private static final P1RejectReason[] REASONS = P1RejectReason.values();
    private final long[] rejects = new long[REASONS.length];
    private long telegramsOk;
    private long bytesDiscarded;

    void telegramOk() {
        telegramsOk++;
    }

    void reject(P1RejectReason reason) {
        rejects[reason.ordinal()]++;
    }

    void discarded(long bytes) {
        bytesDiscarded += bytes;
    }

    /** Telegrams delivered to the listener. */
    public long telegramsOk() {
        return telegramsOk;
    }

    public long bytesDiscarded() {
        return bytesDiscarded;
    }

    public long rejects(P1RejectReason reason) {
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
    public Map<P1RejectReason, Long> rejectsByReason() {
        Map<P1RejectReason, Long> map = new EnumMap<>(P1RejectReason.class);
        for (P1RejectReason r : REASONS) {
            if (rejects[r.ordinal()] > 0) {
                map.put(r, rejects[r.ordinal()]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "telegramsOk=" + telegramsOk + " rejects=" + rejectsByReason() + " bytesDiscarded=" + bytesDiscarded;
    }
}
