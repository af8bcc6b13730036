package io.amsgrid.codec.p1;

import io.amsgrid.codec.stream.ByteStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateful reader of P1 telegrams from a byte stream in any chunking: hunts '/', reads to '!',
 * then takes either four CRC hex digits or a line end (no CRC). The layout is drawn in
 * {@link P1Telegram}. A '/' at the start of a line before the '!' means the telegram was cut:
 * {@link P1RejectReason#TRUNCATED}, and the new telegram is read. After any other reject it hunts
 * again from the byte after the rejected telegram's '/', so a '/' in line noise does not make it
 * lose the good telegram that follows. Telegrams are bounded by
 * {@code maxTelegramLength}. Same bytes give the same telegrams and rejects whatever the
 * chunking. Not thread-safe.
 */
public final class P1Reader extends ByteStreamReader {
    public static final int DEFAULT_MAX_TELEGRAM_LENGTH = 8 * 1024;

    private final P1Listener listener;
    private final int maxTelegramLength;
    private final P1Stats stats = new P1Stats();
    /** head is at a '/'; scan is the next byte to look at. */
    private boolean inTelegram;
    private int scan;

    public P1Reader(P1Listener listener) {
        this(listener, DEFAULT_MAX_TELEGRAM_LENGTH);
    }

    public P1Reader(P1Listener listener, int maxTelegramLength) {
        super(bufferSize(maxTelegramLength));
        this.listener = listener;
        this.maxTelegramLength = maxTelegramLength;
    }

    private static int bufferSize(int maxTelegramLength) {
        if (maxTelegramLength < 16) {
            throw new IllegalArgumentException("maxTelegramLength must be at least 16, was " + maxTelegramLength);
        }
        return maxTelegramLength + 8 + 1024;
    }

    @Override
    protected void compacted(int shift) {
        scan -= shift;
    }

    public P1Stats stats() {
        return stats;
    }

    /**
     * End of input: a telegram that reached '!' but not its full CRC is checked with what it has
     * (a bare '!' is a telegram without CRC); one without '!' is {@link P1RejectReason#TRUNCATED}.
     */
    public void endOfInput() {
        process(true);
        countDiscarded(head, tail);
        base += tail;
        head = 0;
        tail = 0;
        scan = 0;
        inTelegram = false;
    }

    /**
     * Reads every telegram in {@code bytes} (then end of input).
     *
     * @throws P1Exception at the first reject
     */
    public static List<P1Telegram> readTelegrams(byte[] bytes) {
        List<P1Telegram> telegrams = new ArrayList<>();
        P1Reader reader = new P1Reader(new P1Listener() {
            @Override
            public void onTelegram(P1Telegram telegram) {
                telegrams.add(telegram);
            }

            @Override
            public void onReject(P1Reject reject) {
                throw new P1Exception(reject.reason(), reject.message());
            }
        });
        reader.feed(bytes);
        reader.endOfInput();
        return telegrams;
    }

    @Override
    protected void process(boolean atEnd) {
        for (;;) {
            if (!inTelegram) {
                int i = head;
                while (i < tail && buf[i] != '/') {
                    i++;
                }
                countDiscarded(head, i);
                head = i;
                if (i == tail) {
                    return;
                }
                inTelegram = true;
                scan = head + 1;
            }
            int bang = -1;
            while (scan < tail) {
                byte c = buf[scan];
                if (c == '!') {
                    bang = scan;
                    break;
                }
                if (c == '/' && buf[scan - 1] == '\n') {
                    reject(P1RejectReason.TRUNCATED, "a new telegram starts at byte " + (base + scan)
                            + " before this one reached '!'", scan);
                    break;
                }
                scan++;
                if (scan - head > maxTelegramLength) {
                    reject(P1RejectReason.TOO_LONG, "no '!' within " + maxTelegramLength + " bytes", head + 1);
                    break;
                }
            }
            if (!inTelegram) {
                continue;
            }
            if (bang < 0) {
                if (atEnd) {
                    reject(P1RejectReason.TRUNCATED, "input ended before the telegram's '!'", head + 1);
                    continue;
                }
                return;
            }
            int crcLength = 0;
            while (crcLength < 4 && bang + 1 + crcLength < tail) {
                byte c = buf[bang + 1 + crcLength];
                if (c == '\r' || c == '\n') {
                    break;
                }
                crcLength++;
            }
            boolean lineEnded = bang + 1 + crcLength < tail;
            if (crcLength < 4 && !lineEnded && !atEnd) {
                return; // wait for the CRC digits or the line end
            }
            if (crcLength > 0 && crcLength < 4 && !lineEnded) {
                reject(P1RejectReason.TRUNCATED, "input ended inside the CRC after '!'", tail);
                continue;
            }
            try {
                P1Telegram telegram = P1Telegram.of(buf, head, bang, crcLength);
                stats.telegramOk();
                head = bang + 1 + crcLength;
                inTelegram = false;
                listener.onTelegram(telegram);
            } catch (P1Exception e) {
                // hunt again right after this '/': a '/' in line noise must not swallow a good telegram
                reject(e.reason(), e.getMessage(), head + 1);
            }
        }
    }

    /** Reports a reject of the telegram at head and resumes hunting at {@code resume}. */
    private void reject(P1RejectReason reason, String message, int resume) {
        stats.reject(reason);
        listener.onReject(new P1Reject(reason, message, base + head));
        countDiscarded(head, resume);
        head = resume;
        inTelegram = false;
    }

    private void countDiscarded(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] != '\r' && buf[i] != '\n') {
                n++;
            }
        }
        stats.discarded(n);
    }

}
