package io.amsgrid.lambdas.store;

import io.amsgrid.rules.MessageKind;

import java.time.LocalDate;

/** Key values of the table (see {@code docs/storage.md}). */
public final class Keys {
    /** The sort key of a meter's "latest reading" item; sorts after every timestamp sort key. */
    public static final String LATEST_SK = "latest";
    /** The largest time a sort key holds (13 digits of ms: the year 2286). */
    public static final long MAX_TIMESTAMP_MS = 9_999_999_999_999L;

    private Keys() {
    }

    /** {@code <thing>#<kind>}: one partition per meter and kind. */
    public static String pk(String thing, MessageKind kind) {
        return thing + "#" + kind.topicPrefix();
    }

    /** The reading's time as 13 zero-padded digits of UNIX ms, so string order is time order. */
    public static String sk(long timestampMs) {
        if (timestampMs < 0 || timestampMs > MAX_TIMESTAMP_MS) {
            throw new IllegalArgumentException("timestamp out of the sort key range: " + timestampMs);
        }
        return String.format("%013d", timestampMs);
    }

    /** gsi1 partition of every meter's "latest reading" item of one kind. */
    public static String latestIndexPk(MessageKind kind) {
        return "latest#" + kind.topicPrefix();
    }

    /** gsi1 partition of the power-fail events of one local date. */
    public static String powerFailDayPk(LocalDate date) {
        return "pf#" + date;
    }

    /** gsi1 sort key of a power-fail event: time, then thing (two meters can fail in the same ms). */
    public static String powerFailDaySk(long signalAtMs, String thing) {
        return sk(signalAtMs) + "#" + thing;
    }
}
