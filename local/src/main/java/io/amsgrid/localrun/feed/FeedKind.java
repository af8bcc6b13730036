package io.amsgrid.localrun.feed;

import java.util.Locale;

/**
 * How {@code ./amsgrid local} carries a simulated meter's bytes to its gateway ({@code --feed}).
 * Both go through the gateway's own HDLC, DLMS and aggregation code; they differ below it.
 */
public enum FeedKind {
    /** A socat pseudo-terminal pair per meter, read by the gateway's serial source (jSerialComm). */
    PTY,
    /** An in-memory pipe per meter, read by the gateway as its byte source: no serial port, no socat. */
    MEMORY,
    /** {@link #PTY} up to {@value #MEMORY_ABOVE_METERS} meters, {@link #MEMORY} above. */
    AUTO;

    /** Above this many meters, {@link #AUTO} uses in-memory pipes (socat and PTYs per meter do not scale). */
    public static final int MEMORY_ABOVE_METERS = 100;

    /** {@link #PTY} or {@link #MEMORY} for a run of {@code meters}. */
    public FeedKind resolve(int meters) {
        return this != AUTO ? this : meters > MEMORY_ABOVE_METERS ? MEMORY : PTY;
    }

    /** Parses {@code pty}, {@code memory} or {@code auto} (any case). */
    public static FeedKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--feed must be pty, memory or auto, was '" + text + "'");
        }
    }
}
