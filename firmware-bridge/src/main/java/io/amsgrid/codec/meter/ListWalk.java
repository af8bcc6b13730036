package io.amsgrid.codec.meter;

import io.amsgrid.codec.obis.ObisCode;

import java.lang.invoke.VarHandle;

/**
 * The A-XDR walk of {@link PlainListReader}: the body of a data-notification (a flat structure of
 * primitives, or an array of {obis, value[, scaler-unit]} structures) into scratch arrays of
 * primitive items (tag, content offset, length) and OBIS-labelled entries (packed OBIS code, value
 * item, scaler and unit when sent). Reused for every frame of one reader.
 */
abstract sealed class ListWalk permits PlainListReader {
    private static final VarHandle SHORT_BE = AxdrNumbers.SHORT_BE;
    private static final VarHandle INT_BE = AxdrNumbers.INT_BE;
    static final int NONE = EntryPlans.NONE;
    static final int NULL_DATA = 0x00;
    static final int OCTET_STRING = 0x09;
    static final int VISIBLE_STRING = 0x0A;
    static final int FLOAT32 = AxdrNumbers.FLOAT32;
    static final int FLOAT64 = AxdrNumbers.FLOAT64;
    static final int LONG64_UNSIGNED = AxdrNumbers.LONG64_UNSIGNED;

    // top-level primitive items of the body: tag, offset of the content, content length
    int[] itemTag = new int[32];
    int[] itemOff = new int[32];
    int[] itemLen = new int[32];
    int items;
    int firstUnlabelled;
    // OBIS-labelled entries: where the six OBIS bytes are, the value item, scaler and unit when sent
    long[] entryObis = new long[32]; // the six value groups packed, A in bits 47..40
    int[] entryItem = new int[32];
    int[] entryScaler = new int[32];
    int[] entryUnit = new int[32];
    int entries;
    byte[] buf;

    /**
     * structure of primitives: obis, value[, scaler-unit] runs and unlabelled values
     * (ListDecoder.readPairs). An OBIS octet-string is not recorded as an item: the entry points at
     * its six bytes.
     */
    int readFlat(int p, int end, int n) {
        byte[] b = buf;
        int i = 0;
        while (i < n) {
            if (p >= end || isSequenceTag(b[p])) {
                return -1;
            }
            int tag = b[p] & 0xFF;
            if (tag == OCTET_STRING && end - p >= 8 && b[p + 1] == 6 && i + 1 < n && !isPushSetup(p + 2)) {
                int obisAt = p + 2;
                p += 8;
                if (p >= end || isSequenceTag(b[p])) {
                    return -1;
                }
                p = primitive(p, end);
                if (p < 0) {
                    return -1;
                }
                int used = 2;
                int scaler = NONE;
                int unit = NONE;
                if (i + 2 < n && isScalerUnit(p, end)) {
                    scaler = b[p + 3];
                    unit = b[p + 5] & 0xFF;
                    p += 6;
                    used = 3;
                }
                addEntry(packed(b, obisAt), items - 1, scaler, unit);
                i += used;
            } else {
                p = primitive(p, end);
                if (p < 0) {
                    return -1;
                }
                if (tag != NULL_DATA && firstUnlabelled < 0) {
                    firstUnlabelled = items - 1;
                }
                i++;
            }
        }
        return p;
    }

    /** array of structures {obis, value[, scaler-unit]} (the first case of ListDecoder.readPairs). */
    int readArray(int p, int end, int n) {
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            if (end - p < 11 || b[p] != 0x02 || (b[p + 1] != 2 && b[p + 1] != 3) || b[p + 2] != OCTET_STRING
                    || b[p + 3] != 6 || isSequenceTag(b[p + 10])) {
                return -1;
            }
            boolean withScalerUnit = b[p + 1] == 3;
            int obisAt = p + 4;
            p = primitive(p + 10, end);
            if (p < 0) {
                return -1;
            }
            int scaler = NONE;
            int unit = NONE;
            if (withScalerUnit) {
                if (!isScalerUnit(p, end)) {
                    return -1;
                }
                scaler = b[p + 3];
                unit = b[p + 5] & 0xFF;
                p += 6;
            }
            addEntry(packed(b, obisAt), items - 1, scaler, unit);
        }
        return p;
    }

    /** Records one primitive value at {@code p}; the position after it, or -1 when not handled here. */
    int primitive(int p, int end) {
        byte[] b = buf;
        int tag = b[p] & 0xFF;
        int at = p + 1;
        int size;
        switch (tag) {
            case 0x00 -> size = 0;
            case 0x0F, 0x11, 0x16 -> size = 1;
            case 0x10, 0x12 -> size = 2;
            case 0x05, 0x06, FLOAT32 -> size = 4;
            case 0x14, LONG64_UNSIGNED, FLOAT64 -> size = 8;
            case OCTET_STRING, VISIBLE_STRING -> {
                if (at >= end || (b[at] & 0xFF) >= 0x80) {
                    return -1;
                }
                size = b[at++] & 0xFF;
            }
            default -> {
                return -1; // boolean, bit-string, utf8, bcd, date types, unknown tags: the full decoder
            }
        }
        if (end - at < size) {
            return -1;
        }
        itemTag[items] = tag;
        itemOff[items] = at;
        itemLen[items] = size;
        items++;
        return at + size;
    }

    /** Items and entries are at most the body's element count (plus a Kaifa positional list). */
    void ensureCapacity(int n) {
        if (itemTag.length < n) {
            itemTag = new int[n];
            itemOff = new int[n];
            itemLen = new int[n];
            entryObis = new long[n];
            entryItem = new int[n];
            entryScaler = new int[n];
            entryUnit = new int[n];
        }
    }

    void addEntry(long obis, int item, int scaler, int unit) {
        entryObis[entries] = obis;
        entryItem[entries] = item;
        entryScaler[entries] = scaler;
        entryUnit[entries] = unit;
        entries++;
    }

    boolean isPushSetup(int obisOff) {
        return buf[obisOff] == 0 && buf[obisOff + 2] == 25 && buf[obisOff + 3] == 9;
    }

    /** structure { integer scaler, enum unit }: 02 02 0F xx 16 yy. */
    boolean isScalerUnit(int p, int end) {
        byte[] b = buf;
        return end - p >= 6 && b[p] == 0x02 && b[p + 1] == 2 && b[p + 2] == 0x0F && b[p + 4] == 0x16;
    }

    static boolean isSequenceTag(byte tag) {
        return tag == 0x01 || tag == 0x02;
    }

    boolean isClock(int e) {
        return a(e) == 0 && c(e) == 1 && d(e) == 0 && g(e, 4) == 0;
    }

    /** Value group A, C, D or E (0, 2, 3, 4) of entry {@code e}. */
    int g(int e, int group) {
        return (int) (entryObis[e] >>> (40 - 8 * group)) & 0xFF;
    }

    int a(int e) {
        return g(e, 0);
    }

    int c(int e) {
        return g(e, 2);
    }

    int d(int e) {
        return g(e, 3);
    }

    /** The six value groups at {@code off} as one number (A in bits 47..40, F in bits 7..0). */
    static long packed(byte[] b, int off) {
        return ((int) INT_BE.get(b, off) & 0xFFFF_FFFFL) << 16 | ((short) SHORT_BE.get(b, off + 4) & 0xFFFF);
    }

    static ObisCode obisCode(long packed) {
        return ObisCode.of((int) (packed >>> 40) & 0xFF, (int) (packed >>> 32) & 0xFF, (int) (packed >>> 24) & 0xFF,
                (int) (packed >>> 16) & 0xFF, (int) (packed >>> 8) & 0xFF, (int) packed & 0xFF);
    }

    static long[] packed(ObisCode[] codes) {
        long[] out = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            ObisCode o = codes[i];
            out[i] = (long) o.a() << 40 | (long) o.b() << 32 | (long) o.c() << 24 | (long) o.d() << 16 | (long) o.e() << 8 | o.f();
        }
        return out;
    }
}
