package io.amsgrid.rules;

/**
 * The kinds of message a gateway publishes; each has its own topic {@code <prefix>/<thing>}.
 */
public enum MessageKind {
    /** Interval aggregates (avg/min/max and sample count per measurement). */
    AVG("avg"),
    /** Hourly cumulative energy registers (List 3). */
    HR("hr"),
    /** Power-fail journal: the last voltages before the supply failed. */
    PF("pf"),
    /** Whole HDLC frames forwarded as received, decoded in the cloud. */
    RAW("raw");

    private final String topicPrefix;

    MessageKind(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    /** The first topic level, also the {@code kind} used in storage keys and CSV paths. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /** The topic a gateway named {@code thing} publishes this kind on. */
    public String topicFor(String thing) {
        return topicPrefix + "/" + thing;
    }

    /** The kind for a topic's first level ({@code avg}, {@code hr}, {@code pf}, {@code raw}). */
    public static MessageKind ofTopicPrefix(String prefix) {
        for (MessageKind k : values()) {
            if (k.topicPrefix.equals(prefix)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown message kind: " + prefix);
    }
}
