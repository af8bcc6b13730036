package io.amsgrid.codec;

/** The input formats {@link HanDecoder} accepts; names as in the vectors file's {@code format} field. */
public enum HanFormat {
    /** One complete HDLC frame 7E..7E with LLC + DLMS APDU (several frames: segments or GBT). */
    HDLC_DLMS("hdlc-dlms"),
    /** Several HDLC frames carrying one DLMS general-block-transfer. */
    HDLC_DLMS_GBT("hdlc-dlms-gbt"),
    /** LLC header E6 E7 00 + DLMS APDU, no HDLC. */
    LLC_DLMS("llc-dlms"),
    /** A bare DLMS APDU (0F data-notification, DB ciphered, E0 block). */
    DLMS_APDU("dlms-apdu"),
    /** DLMS APDU in M-Bus long frames (68 L L 68 .. 16), possibly segmented. */
    MBUS_DLMS("mbus-dlms"),
    /** EN 13757-3 M-Bus application layer (AES-CBC). */
    MBUS_EN13757("mbus-en13757"),
    /** A bare general-glo-ciphering APDU (DB ..). */
    DLMS_GLO_RAW("dlms-glo-raw"),
    /** IEC 62056-21 / DSMR P1 ASCII telegram. */
    DSMR_P1("dsmr-p1");

    private final String id;

    HanFormat(String id) {
        this.id = id;
    }

    /** The name used in JSON and on the command line, e.g. {@code hdlc-dlms}. */
    public String id() {
        return id;
    }

    public boolean isText() {
        return this == DSMR_P1;
    }

    /** Looks a format up by {@link #id()} (case-insensitive); throws {@link HanDecodeException} for others. */
    public static HanFormat of(String id) {
        if (id != null) {
            for (HanFormat f : values()) {
                if (f.id.equalsIgnoreCase(id.trim())) {
                    return f;
                }
            }
        }
        StringBuilder known = new StringBuilder();
        for (HanFormat f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.id);
        }
        throw new HanDecodeException(HanDecodeException.Layer.INPUT, "UNKNOWN_FORMAT",
                "unknown format '" + id + "'; use one of " + known);
    }
}
