package io.amsgrid.codec.p1;

/**
 * Receives what a {@link P1Reader} finds, on the thread that calls {@code feed}.
 * A listener must not feed the same reader from inside a callback.
 */
public interface P1Listener {
    void onTelegram(P1Telegram telegram);

    void onReject(P1Reject reject);
}
