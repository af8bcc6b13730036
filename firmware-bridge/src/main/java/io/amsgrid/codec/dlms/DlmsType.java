package io.amsgrid.codec.dlms;

/** A-XDR data type tags (IEC 62056-6-2 / Blue Book "Data" CHOICE) that amsgrid decodes. */
public enum DlmsType {
    NULL_DATA(0x00, "null-data"),
    ARRAY(0x01, "array"),
    STRUCTURE(0x02, "structure"),
    BOOLEAN(0x03, "boolean"),
    BIT_STRING(0x04, "bit-string"),
    DOUBLE_LONG(0x05, "double-long"),
    DOUBLE_LONG_UNSIGNED(0x06, "double-long-unsigned"),
    OCTET_STRING(0x09, "octet-string"),
    VISIBLE_STRING(0x0A, "visible-string"),
    UTF8_STRING(0x0C, "utf8-string"),
    BCD(0x0D, "bcd"),
    INTEGER(0x0F, "integer"),
    LONG(0x10, "long"),
    UNSIGNED(0x11, "unsigned"),
    LONG_UNSIGNED(0x12, "long-unsigned"),
    COMPACT_ARRAY(0x13, "compact-array"),
    LONG64(0x14, "long64"),
    LONG64_UNSIGNED(0x15, "long64-unsigned"),
    ENUM(0x16, "enum"),
    FLOAT32(0x17, "float32"),
    FLOAT64(0x18, "float64"),
    DATE_TIME(0x19, "date-time"),
    DATE(0x1A, "date"),
    TIME(0x1B, "time");

    private static final DlmsType[] BY_TAG = new DlmsType[256];

    static {
        for (DlmsType t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;
    private final String specName;

    DlmsType(int tag, String specName) {
        this.tag = tag;
        this.specName = specName;
    }

    public int tag() {
        return tag;
    }

    /** The name used in the Blue Book, e.g. {@code double-long-unsigned}. */
    public String specName() {
        return specName;
    }

    /** The type for a tag byte, or null when the tag is unknown. */
    public static DlmsType ofTag(int tag) {
        return BY_TAG[tag & 0xFF];
    }
}
