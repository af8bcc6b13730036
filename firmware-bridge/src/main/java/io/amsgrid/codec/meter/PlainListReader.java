package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.obis.ObisCode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lean hot path: a plain (unencrypted) data-notification straight to a {@link MeterReading},
 * walking the A-XDR in place: no value tree, no per-element objects, OBIS codes compared as bytes,
 * repeated strings (list id, meter id, meter type) from {@link TextCache}.
 *
 * <p>It gives exactly what {@link ListDecoder} + {@link MeterReadings} give, for the shapes it
 * knows: a flat structure of primitives with OBIS/value[/scaler-unit] runs (Kamstrup, Kaifa SE,
 * generic), positional {@code KFM_001}, list 1, and an array of {obis, value[, scaler-unit]}
 * structures (Aidon, Austrian meters). Anything else (another APDU, nested values, booleans, date
 * types, long-form lengths, malformed or truncated data) returns null, and the caller uses the
 * full decoder, which also produces the error for bad input. {@code PlainListReaderTest} runs
 * every vector and thousands of corrupted frames through both paths.
 *
 * <p>One instance per thread (scratch arrays); {@link #read} is the entry point.
 */
public final class PlainListReader {
    private static final ThreadLocal<PlainListReader> PER_THREAD = ThreadLocal.withInitial(PlainListReader::new);
    private static final int NONE = Integer.MIN_VALUE;
    private static final int ALL_MEASUREMENTS = Measurement.values().length;
    private static final int NULL_DATA = 0x00;
    private static final int OCTET_STRING = 0x09;
    private static final int VISIBLE_STRING = 0x0A;
    private static final int FLOAT32 = 0x17;
    private static final int FLOAT64 = 0x18;
    private static final int LONG64_UNSIGNED = 0x15;
    private static final byte[] LIST_1_OBIS = {1, 0, 1, 7, 0, (byte) 255};
    private static final byte[][] METER_ID = obisBytes(ListDecoder.METER_ID_CODES);
    private static final byte[][] METER_TYPE = obisBytes(ListDecoder.METER_TYPE_CODES);
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    // top-level primitive items of the body: tag, offset of the content, content length
    private int[] itemTag = new int[32];
    private int[] itemOff = new int[32];
    private int[] itemLen = new int[32];
    private int items;
    private int firstUnlabelled;
    // OBIS-labelled entries: where the six OBIS bytes are, the value item, scaler and unit when sent
    private byte[][] entryObisBuf = new byte[32][];
    private int[] entryObisOff = new int[32];
    private int[] entryGroups = new int[32]; // A, C, D, E packed, one byte each
    private int[] entryItem = new int[32];
    private int[] entryScaler = new int[32];
    private int[] entryUnit = new int[32];
    private int entries;
    private byte[] buf;

    private PlainListReader() {
    }

    /**
     * The reading of the data-notification APDU {@code b[off, off+len)}, or null when the lean path
     * does not handle it (then use {@code DlmsApduDecoder} + {@link ListDecoder}).
     */
    public static MeterReading read(byte[] b, int off, int len) {
        PlainListReader r = PER_THREAD.get();
        try {
            return r.decode(b, off, len);
        } catch (RuntimeException e) {
            return null; // a shape this path does not expect: the full decoder decides (and names any error)
        } finally {
            r.buf = null;
        }
    }

    private MeterReading decode(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 7 || b[off] != 0x0F) {
            return null;
        }
        buf = b;
        int p = off + 5;
        int dt = b[p++] & 0xFF;
        if (dt == OCTET_STRING) {
            dt = b[p++] & 0xFF;
        }
        int headerAt = -1;
        if (dt == CosemDateTime.LENGTH) {
            headerAt = p;
            p += CosemDateTime.LENGTH;
        } else if (dt != 0) {
            return null;
        }
        if (end - p < 2) {
            return null;
        }
        int bodyTag = b[p] & 0xFF;
        int n = b[p + 1] & 0xFF;
        if ((bodyTag != 0x01 && bodyTag != 0x02) || n >= 0x80) {
            return null;
        }
        items = 0;
        entries = 0;
        firstUnlabelled = -1;
        p = bodyTag == 0x02 ? readFlat(p + 2, end, n) : readArray(p + 2, end, n);
        if (p != end) {
            return null; // unsupported shape, truncated, or bytes after the body
        }
        return reading(bodyTag == 0x02, n, headerAt);
    }

    /** structure of primitives: obis, value[, scaler-unit] runs and unlabelled values (ListDecoder.readPairs). */
    private int readFlat(int p, int end, int n) {
        byte[] b = buf;
        int i = 0;
        while (i < n) {
            if (p >= end || isSequenceTag(b[p])) {
                return -1;
            }
            int tag = b[p] & 0xFF;
            p = primitive(p, end);
            if (p < 0) {
                return -1;
            }
            int item = items - 1;
            if (tag == OCTET_STRING && itemLen[item] == 6 && i + 1 < n && !isPushSetup(itemOff[item])) {
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
                addEntry(b, itemOff[item], items - 1, scaler, unit);
                i += used;
            } else {
                if (tag != NULL_DATA && firstUnlabelled < 0) {
                    firstUnlabelled = item;
                }
                i++;
            }
        }
        return p;
    }

    /** array of structures {obis, value[, scaler-unit]} (the first case of ListDecoder.readPairs). */
    private int readArray(int p, int end, int n) {
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
            addEntry(b, obisAt, items - 1, scaler, unit);
        }
        return p;
    }

    /** Records one primitive value at {@code p}; the position after it, or -1 when not handled here. */
    private int primitive(int p, int end) {
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
        if (items == itemTag.length) {
            itemTag = java.util.Arrays.copyOf(itemTag, items * 2);
            itemOff = java.util.Arrays.copyOf(itemOff, items * 2);
            itemLen = java.util.Arrays.copyOf(itemLen, items * 2);
        }
        itemTag[items] = tag;
        itemOff[items] = at;
        itemLen[items] = size;
        items++;
        return at + size;
    }

    private void addEntry(byte[] obisBuf, int obisOff, int item, int scaler, int unit) {
        if (entries == entryItem.length) {
            int n = entries * 2;
            entryObisBuf = java.util.Arrays.copyOf(entryObisBuf, n);
            entryObisOff = java.util.Arrays.copyOf(entryObisOff, n);
            entryGroups = java.util.Arrays.copyOf(entryGroups, n);
            entryItem = java.util.Arrays.copyOf(entryItem, n);
            entryScaler = java.util.Arrays.copyOf(entryScaler, n);
            entryUnit = java.util.Arrays.copyOf(entryUnit, n);
        }
        entryObisBuf[entries] = obisBuf;
        entryGroups[entries] = (obisBuf[obisOff] & 0xFF) << 24 | (obisBuf[obisOff + 2] & 0xFF) << 16
                | (obisBuf[obisOff + 3] & 0xFF) << 8 | (obisBuf[obisOff + 4] & 0xFF);
        entryObisOff[entries] = obisOff;
        entryItem[entries] = item;
        entryScaler[entries] = scaler;
        entryUnit[entries] = unit;
        entries++;
    }

    private MeterReading reading(boolean flat, int n, int headerAt) {
        String listId = findListId();
        ListProfile profile;
        if (listId != null && listId.startsWith("KFM_")) {
            profile = ListProfile.KAIFA;
        } else if (listId != null && listId.startsWith("Kamstrup_")) {
            profile = ListProfile.KAMSTRUP;
        } else if (listId != null && listId.startsWith("AIDON_")) {
            profile = ListProfile.AIDON;
        } else if (entries > 0) {
            profile = ListProfile.GENERIC_OBIS;
        } else if (flat && n == 1 && isIntegerTag(itemTag[0])) {
            profile = ListProfile.LIST_1;
            addEntry(LIST_1_OBIS, 0, 0, NONE, NONE);
        } else {
            profile = ListProfile.UNKNOWN_POSITIONAL;
        }
        if (profile == ListProfile.KAIFA && entries == 0 && flat) {
            byte[][] codes = KaifaPositional.codeBytes(n);
            for (int i = 0; i < codes.length; i++) {
                addEntry(codes[i], 0, i, NONE, NONE);
            }
        }
        boolean landisGyr = false;
        int clockItem = -1;
        for (int e = 0; e < entries; e++) {
            int item = entryItem[e];
            if (c(e) == 42 && d(e) == 0 && itemTag[item] == OCTET_STRING && printable(item) && startsWithLgz(item)) {
                landisGyr = true;
            }
            if (clockItem < 0 && isClock(e) && itemTag[item] == OCTET_STRING && itemLen[item] == CosemDateTime.LENGTH) {
                clockItem = item;
            }
        }
        double[] values = new double[ALL_MEASUREMENTS];
        int present = 0;
        Map<ObisCode, MeterReading.Quantity> other = null;
        for (int e = 0; e < entries; e++) {
            int item = entryItem[e];
            int tag = itemTag[item];
            if (tag == NULL_DATA) {
                continue;
            }
            boolean text = tag == OCTET_STRING || tag == VISIBLE_STRING;
            int scaler = entryScaler[e] != NONE ? entryScaler[e] : VendorScaling.defaultScaler(profile, a(e), c(e), d(e), landisGyr);
            String unit = entryUnit[e] != NONE ? DlmsUnit.symbol(entryUnit[e]) : DlmsUnit.impliedBy(a(e), c(e), d(e));
            Measurement m = MeterReadings.measurementOf(a(e), c(e), d(e), g(e, 4));
            if (m != null && !text && (present & (1 << m.ordinal())) == 0) {
                double factor = MeterReadings.toBaseUnit(unit, m);
                if (!Double.isNaN(factor)) {
                    values[m.ordinal()] = scaledDouble(item, scaler) * factor;
                    present |= 1 << m.ordinal();
                    continue;
                }
            }
            if (!isIdentity(e)) {
                if (other == null) {
                    other = new LinkedHashMap<>();
                }
                other.putIfAbsent(ObisCode.fromBytes(entryObisBuf[e], entryObisOff[e]),
                        new MeterReading.Quantity(text ? string(e) : ListDecoder.scale(raw(item), scaler), text ? null : unit));
            }
        }
        CosemDateTime header = headerAt < 0 ? null : CosemDateTime.parse(buf, headerAt);
        CosemDateTime clock = clockItem >= 0 ? CosemDateTime.parse(buf, itemOff[clockItem]) : header;
        Instant time = MeterTimeRule.instant(clock, header, profile);
        return new MeterReading(firstText(METER_ID), firstText(METER_TYPE), listId,
                clock == null ? null : clock.isoAsSent(), time, new MeasurementValues(values, present), other == null ? Map.of() : other);
    }

    private String findListId() {
        for (int e = 0; e < entries; e++) {
            if (c(e) == 0 && d(e) == 2 && g(e, 4) == 129) {
                String s = textOf(entryItem[e]);
                if (s != null) {
                    return s;
                }
            }
        }
        if (firstUnlabelled >= 0) {
            String s = textOf(firstUnlabelled);
            if (s != null && ListDecoder.looksLikeListId(s)) {
                return s;
            }
        }
        return null;
    }

    /** ListDecoder.text: a visible-string, or an octet-string that is all printable. */
    private String textOf(int item) {
        int tag = itemTag[item];
        if (tag == VISIBLE_STRING || (tag == OCTET_STRING && printable(item))) {
            return TextCache.text(buf, itemOff[item], itemLen[item], TextCache.ASCII);
        }
        return null;
    }

    /** The String value of a text entry as ListDecoder.toValue gives it. */
    private String string(int e) {
        int item = entryItem[e];
        if (itemTag[item] == OCTET_STRING) {
            if (isClock(e) && itemLen[item] == CosemDateTime.LENGTH) {
                String iso = CosemDateTime.parse(buf, itemOff[item]).isoAsSent();
                if (iso != null) {
                    return iso;
                }
            }
            if (!printable(item)) {
                return TextCache.text(buf, itemOff[item], itemLen[item], TextCache.HEX);
            }
        }
        return TextCache.text(buf, itemOff[item], itemLen[item], TextCache.ASCII);
    }

    private String firstText(byte[][] codes) {
        for (byte[] code : codes) {
            for (int e = 0; e < entries; e++) {
                int tag = itemTag[entryItem[e]];
                if ((tag == OCTET_STRING || tag == VISIBLE_STRING) && obisEquals(e, code)) {
                    return string(e);
                }
            }
        }
        return null;
    }

    /** MeterReadings.isIdentity on the bytes. */
    private boolean isIdentity(int e) {
        if (isClock(e) || (c(e) == 0 && d(e) == 2 && g(e, 4) == 129)) {
            return true;
        }
        return obisEquals(e, METER_ID[0]) || obisEquals(e, METER_ID[1])
                || obisEquals(e, METER_TYPE[0]) || obisEquals(e, METER_TYPE[1]);
    }

    /** The number as sent: a Long, or a Double for floats and long64-unsigned above 2^63 (ListDecoder.toValue). */
    private Object raw(int item) {
        int tag = itemTag[item];
        if (tag == FLOAT32 || tag == FLOAT64) {
            return floatValue(item);
        }
        long v = longValue(item);
        return tag == LONG64_UNSIGNED && v < 0 ? (Object) Double.valueOf(Long.toUnsignedString(v)) : (Object) v;
    }

    /** ((Number) ListDecoder.scale(raw, scaler)).doubleValue(), without boxing in the common cases. */
    private double scaledDouble(int item, int scaler) {
        int tag = itemTag[item];
        if (tag != FLOAT32 && tag != FLOAT64 && tag != LONG64_UNSIGNED) {
            long l = longValue(item);
            if (scaler == 0) {
                return l;
            }
            if (scaler > 0 && scaler < 10 && Math.abs(l) < Long.MAX_VALUE / 1_000_000_000L) {
                return (double) (l * POWERS_OF_TEN[scaler]);
            }
            if (scaler < 0 && scaler > -ListDecoder.POW10.length && Math.abs(l) < (1L << 53)) {
                return l / ListDecoder.POW10[-scaler];
            }
        }
        return ((Number) ListDecoder.scale(raw(item), scaler)).doubleValue();
    }

    private long longValue(int item) {
        byte[] b = buf;
        int o = itemOff[item];
        return switch (itemTag[item]) {
            case 0x0F -> b[o];
            case 0x11, 0x16 -> b[o] & 0xFF;
            case 0x10 -> (short) (((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF));
            case 0x12 -> ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
            case 0x05 -> (int) be(b, o, 4);
            case 0x06 -> be(b, o, 4);
            default -> be(b, o, 8);
        };
    }

    private double floatValue(int item) {
        int o = itemOff[item];
        return itemTag[item] == FLOAT32 ? Float.intBitsToFloat((int) be(buf, o, 4)) : Double.longBitsToDouble(be(buf, o, 8));
    }

    private static long be(byte[] b, int o, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[o + i] & 0xFF);
        }
        return v;
    }

    private boolean printable(int item) {
        int o = itemOff[item];
        int len = itemLen[item];
        if (len == 0) {
            return false;
        }
        for (int i = o; i < o + len; i++) {
            if (buf[i] < 0x20 || buf[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithLgz(int item) {
        int o = itemOff[item];
        return itemLen[item] >= 3 && buf[o] == 'L' && buf[o + 1] == 'G' && buf[o + 2] == 'Z';
    }

    private boolean isPushSetup(int obisOff) {
        return buf[obisOff] == 0 && buf[obisOff + 2] == 25 && buf[obisOff + 3] == 9;
    }

    /** structure { integer scaler, enum unit }: 02 02 0F xx 16 yy. */
    private boolean isScalerUnit(int p, int end) {
        byte[] b = buf;
        return end - p >= 6 && b[p] == 0x02 && b[p + 1] == 2 && b[p + 2] == 0x0F && b[p + 4] == 0x16;
    }

    private static boolean isSequenceTag(byte tag) {
        return tag == 0x01 || tag == 0x02;
    }

    private static boolean isIntegerTag(int tag) {
        return switch (tag) {
            case 0x05, 0x06, 0x0F, 0x10, 0x11, 0x12, 0x14, 0x15, 0x16 -> true;
            default -> false;
        };
    }

    private boolean isClock(int e) {
        return a(e) == 0 && c(e) == 1 && d(e) == 0 && g(e, 4) == 0;
    }

    private boolean obisEquals(int e, byte[] code) {
        return java.util.Arrays.equals(entryObisBuf[e], entryObisOff[e], entryObisOff[e] + 6, code, 0, 6);
    }

    /** Value group A, C, D or E (0, 2, 3, 4) of entry {@code e}, from the packed copy made in addEntry. */
    private int g(int e, int group) {
        int shift = switch (group) {
            case 0 -> 24;
            case 2 -> 16;
            case 3 -> 8;
            default -> 0;
        };
        return (entryGroups[e] >>> shift) & 0xFF;
    }

    private int a(int e) {
        return g(e, 0);
    }

    private int c(int e) {
        return g(e, 2);
    }

    private int d(int e) {
        return g(e, 3);
    }

    static byte[][] obisBytes(ObisCode[] codes) {
        byte[][] out = new byte[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            ObisCode o = codes[i];
            out[i] = new byte[] {(byte) o.a(), (byte) o.b(), (byte) o.c(), (byte) o.d(), (byte) o.e(), (byte) o.f()};
        }
        return out;
    }
}
