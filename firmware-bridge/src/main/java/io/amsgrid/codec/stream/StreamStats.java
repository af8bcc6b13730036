package io.amsgrid.codec.stream;

import java.util.EnumMap;
import java.util.Map;

/**
 * The counters every stream reader of the codec keeps (HDLC, M-Bus, P1): rejects per reason, in
 * the reader's own reason enum, and bytes discarded. Subclasses add their delivered-unit counters
 * ({@code framesOk}, {@code messagesOk}, {@code telegramsOk}) and let their reader count through
 * package-private methods, so users see only the read side. Not thread-safe: read it on the
 * thread that feeds the reader, or after feeding stopped.
 *
 * @param <R> the reader's reject reason
 */
public abstract class StreamStats<R extends Enum<R>> {
    private final Class<R> reasonType;
    private final R[] reasons;
    private final long[] rejects;
    private long bytesDiscarded;

    protected StreamStats(Class<R> reasonType) {
        this.reasonType = reasonType;
        this.reasons = reasonType.getEnumConstants();
        this.rejects = new long[reasons.length];
    }

    protected final void countReject(R reason) {
        rejects[reason.ordinal()]++;
    }

    protected final void countDiscarded(long bytes) {
        bytesDiscarded += bytes;
    }

    /** Bytes that were not part of a delivered unit (see the subclass for what counts). */
    public final long bytesDiscarded() {
        return bytesDiscarded;
    }

    public final long rejects(R reason) {
        return rejects[reason.ordinal()];
    }

    public final long totalRejects() {
        long sum = 0;
        for (long r : rejects) {
            sum += r;
        }
        return sum;
    }

    /** The non-zero reject counters, in enum order. */
    public final Map<R, Long> rejectsByReason() {
        Map<R, Long> map = new EnumMap<>(reasonType);
        for (R r : reasons) {
            if (rejects[r.ordinal()] > 0) {
                map.put(r, rejects[r.ordinal()]);
            }
        }
        return map;
    }

    /** {@code <okName>=<ok> rejects={...} bytesDiscarded=<n>}, for the subclasses' toString. */
    protected final String describe(String okName, long ok) {
        return okName + "=" + ok + " rejects=" + rejectsByReason() + " bytesDiscarded=" + bytesDiscarded;
    }
}
