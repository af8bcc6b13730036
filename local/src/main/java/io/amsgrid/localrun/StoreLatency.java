package io.amsgrid.localrun;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Cloud-side latency of a local run: from the moment the rules engine received a message from the
 * broker (the rule's {@code timestamp()}, wall clock) to the moment the ingest Lambda returned
 * (item stored or recognised as a duplicate). Millisecond buckets up to 10 minutes; thread-safe.
 */
public final class StoreLatency {
    private static final int MAX_MS = 600_000;

    private final AtomicLongArray buckets = new AtomicLongArray(MAX_MS + 1);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong firstAtMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAtMs = new AtomicLong();

    /** One message received at {@code receivedAtMs} and handled at {@code doneAtMs} (UNIX ms). */
    public void record(long receivedAtMs, long doneAtMs) {
        int ms = (int) Math.max(0, Math.min(MAX_MS, doneAtMs - receivedAtMs));
        buckets.incrementAndGet(ms);
        count.incrementAndGet();
        firstAtMs.accumulateAndGet(doneAtMs, Math::min);
        lastAtMs.accumulateAndGet(doneAtMs, Math::max);
    }

    /**
     * A snapshot.
     *
     * @param messages         messages handled
     * @param messagesPerSecond messages over the span from the first to the last one handled
     * @param p50Ms            median latency (ms), likewise p90, p99 and the maximum
     */
    public record Snapshot(long messages, double messagesPerSecond, long p50Ms, long p90Ms, long p99Ms, long maxMs) {
        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "cloud: %d messages, %.1f messages/s, rules receive -> stored latency p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                    messages, messagesPerSecond, p50Ms, p90Ms, p99Ms, maxMs);
        }
    }

    public Snapshot snapshot() {
        long n = count.get();
        if (n == 0) {
            return new Snapshot(0, 0, 0, 0, 0, 0);
        }
        double seconds = Math.max(1, lastAtMs.get() - firstAtMs.get()) / 1000.0;
        return new Snapshot(n, n / seconds, percentile(n, 0.50), percentile(n, 0.90), percentile(n, 0.99),
                percentile(n, 1.0));
    }

    private long percentile(long n, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int ms = 0; ms <= MAX_MS; ms++) {
            seen += buckets.get(ms);
            if (seen >= rank) {
                return ms;
            }
        }
        return MAX_MS;
    }
}
