package io.amsgrid.codec.p1;

/** Receives what a {@link P1Reader} finds, on the thread that calls {@code feed}. */
public interface P1Listener {
    void onTelegram(P1Telegram telegram);

    void onReject(P1Reject reject);
}
