package io.amsgrid.gateway.outbox;

/**
 * Bounds of the outbox. Defaults hold about a month of 1-minute aggregates on a few MB.
 *
 * @param maxMessages most messages kept before the overflow policy drops
 * @param maxBytes    most payload bytes kept before the overflow policy drops
 */
public record OutboxLimits(int maxMessages, long maxBytes) {
    public static final OutboxLimits DEFAULT = new OutboxLimits(50_000, 64L * 1024 * 1024);

    public OutboxLimits {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("outbox limits must be positive: " + maxMessages + " messages, "
                    + maxBytes + " bytes");
        }
    }
}
