package io.amsgrid.codec.dlms;

/** What a DLMS APDU carried: a data-notification, or (Austrian P1 over DLMS) a DSMR telegram text. */
public sealed interface DlmsPayload {

    record Notification(DataNotification notification) implements DlmsPayload {
    }

    /** Plaintext of a general-glo-ciphering APDU that is an IEC 62056-21 / DSMR telegram. */
    record TelegramText(String text, DataNotification.Security security) implements DlmsPayload {
    }
}
