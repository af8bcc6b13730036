package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.obis.ObisCode;

import java.lang.invoke.VarHandle;
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
    private static final VarHandle SHORT_BE = AxdrNumbers.SHORT_BE;
    private static final VarHandle INT_BE = AxdrNumbers.INT_BE;
    private static final ThreadLocal<PlainListReader> PER_THREAD = ThreadLocal.withInitial(PlainListReader::new);
    private static final int NONE = EntryPlans.NONE;
    private static final Measurement[] MEASUREMENTS = Measurement.values();
    private static final int NULL_DATA = 0x00;
    private static final int OCTET_STRING = 0x09;
    private static final int VISIBLE_STRING = 0x0A;
    private static final int FLOAT32 = AxdrNumbers.FLOAT32;
    private static final int FLOAT64 = AxdrNumbers.FLOAT64;
    private static final int LONG64_UNSIGNED = AxdrNumbers.LONG64_UNSIGNED;
    private static final long LIST_1_OBIS = packed(new byte[] {1, 0, 1, 7, 0, (byte) 255}, 0);
    private static final long[] METER_ID = packed(ListDecoder.METER_ID_CODES);
    private static final long[] METER_TYPE = packed(ListDecoder.METER_TYPE_CODES);

    // top-level primitive items of the body: tag, offset of the content, content length
    private int[] itemTag = new int[32];
    private int[] itemOff = new int[32];
    private int[] itemLen = new int[32];
    private int items;
    private int firstUnlabelled;
    // OBIS-labelled entries: where the six OBIS bytes are, the value item, scaler and unit when sent
    private long[] entryObis = new long[32]; // the six value groups packed, A in bits 47..40
    private int[] entryItem = new int[32];
    private int[] entryScaler = new int[32];
    private int[] entryUnit = new int[32];
    private int entries;
    private byte[] buf;

    private String lastCandidate;
    private boolean lastCandidateLooks;
    private final EntryPlans plans = new EntryPlans();
    private final ListPlan listPlan = new ListPlan();
    private final MeterReadingBuffer own = new MeterReadingBuffer();

    PlainListReader() {
    }

    /**
     * The reading of the data-notification APDU {@code b[off, off+len)}, or null when the lean path
     * does not handle it (then use {@code DlmsApduDecoder} + {@link ListDecoder}).
     */
    public static MeterReading read(byte[] b, int off, int len) {
        PlainListReader r = PER_THREAD.get();
        return r.readInto(b, off, len, r.own) ? r.own.toReading() : null;
    }

    /**
     * Fills {@code into} with the reading of the data-notification APDU {@code b[off, off+len)};
     * false (and {@code into} in an unspecified state) when the lean path does not handle it.
     */
    public static boolean fill(byte[] b, int off, int len, MeterReadingBuffer into) {
        return into.reader().readInto(b, off, len, into);
    }

    private boolean readInto(byte[] b, int off, int len, MeterReadingBuffer into) {
        try {
            return decode(b, off, len, into);
        } catch (RuntimeException e) {
            return false; // a shape this path does not expect: the full decoder decides (and names any error)
        } finally {
            buf = null;
        }
    }

    private boolean decode(byte[] b, int off, int len, MeterReadingBuffer into) {
        int end = off + len;
        if (len < 7 || b[off] != 0x0F) {
            return false;
        }
        if (listPlan.matches(b, off, len)) {
            listPlan.apply(b, off, into);
            return true;
        }
        listPlan.start(b, off, len);
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
            return false;
        }
        if (end - p < 2) {
            return false;
        }
        int bodyTag = b[p] & 0xFF;
        int n = b[p + 1] & 0xFF;
        if ((bodyTag != 0x01 && bodyTag != 0x02) || n >= 0x80) {
            return false;
        }
        ensureCapacity(n + KaifaPositional.MAX_SIZE + 1);
        items = 0;
        entries = 0;
        firstUnlabelled = -1;
        p = bodyTag == 0x02 ? readFlat(p + 2, end, n) : readArray(p + 2, end, n);
        if (p != end) {
            return false; // unsupported shape, truncated, or bytes after the body
        }
        fill(bodyTag == 0x02, n, off, len, headerAt, into);
        return true;
    }

    /**
     * structure of primitives: obis, value[, scaler-unit] runs and unlabelled values
     * (ListDecoder.readPairs). An OBIS octet-string is not recorded as an item: the entry points at
     * its six bytes.
     */
    private int readFlat(int p, int end, int n) {
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
            addEntry(packed(b, obisAt), items - 1, scaler, unit);
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
        itemTag[items] = tag;
        itemOff[items] = at;
        itemLen[items] = size;
        items++;
        return at + size;
    }

    /** Items and entries are at most the body's element count (plus a Kaifa positional list). */
    private void ensureCapacity(int n) {
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

    private void addEntry(long obis, int item, int scaler, int unit) {
        entryObis[entries] = obis;
        entryItem[entries] = item;
        entryScaler[entries] = scaler;
        entryUnit[entries] = unit;
        entries++;
    }

    private void fill(boolean flat, int n, int off, int len, int headerAt, MeterReadingBuffer into) {
        into.clear();
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
            addEntry(LIST_1_OBIS, 0, NONE, NONE);
        } else {
            profile = ListProfile.UNKNOWN_POSITIONAL;
        }
        if (profile == ListProfile.KAIFA && entries == 0 && flat) {
            long[] codes = KaifaPositional.packedCodes(n);
            for (int i = 0; i < codes.length; i++) {
                addEntry(codes[i], i, NONE, NONE);
            }
        }
        boolean landisGyr = false;
        int clockItem = -1;
        int meterIdEntry = -1;
        int meterIdRank = Integer.MAX_VALUE;
        int meterTypeEntry = -1;
        int meterTypeRank = Integer.MAX_VALUE;
        for (int e = 0; e < entries; e++) {
            int item = entryItem[e];
            int tag = itemTag[item];
            long obis = entryObis[e];
            if (tag == OCTET_STRING || tag == VISIBLE_STRING) {
                // ListDecoder.firstText: the first code in the list's order of codes, then the first entry
                int rank = rank(obis, METER_ID);
                if (rank < meterIdRank) {
                    meterIdRank = rank;
                    meterIdEntry = e;
                }
                rank = rank(obis, METER_TYPE);
                if (rank < meterTypeRank) {
                    meterTypeRank = rank;
                    meterTypeEntry = e;
                }
            }
            if (tag == OCTET_STRING && c(e) == 42 && d(e) == 0 && printable(item) && startsWithLgz(item)) {
                landisGyr = true;
            }
            if (clockItem < 0 && isClock(e) && tag == OCTET_STRING && itemLen[item] == CosemDateTime.LENGTH) {
                clockItem = item;
            }
        }
        Map<ObisCode, MeterReading.Quantity> other = null;
        plans.begin(profile, landisGyr, entries);
        for (int e = 0; e < entries; e++) {
            int item = entryItem[e];
            int tag = itemTag[item];
            if (tag == NULL_DATA) {
                continue;
            }
            long obis = entryObis[e];
            plans.plan(e, obis, entryScaler[e], entryUnit[e]);
            int scaler = plans.scaler(e);
            String unit = plans.unit(e);
            int m = plans.measurement(e);
            boolean text = tag == OCTET_STRING || tag == VISIBLE_STRING;
            if (m >= 0 && !text && !into.has(m)) {
                double factor = MeterReadings.toBaseUnit(unit, MEASUREMENTS[m]);
                if (!Double.isNaN(factor)) {
                    into.put(m, AxdrNumbers.scaledDouble(buf, tag, itemOff[item], scaler) * factor);
                    listPlan.put(m, tag, itemOff[item] - off, scaler, factor);
                    continue;
                }
            }
            if (!isIdentity(e)) {
                if (other == null) {
                    other = new LinkedHashMap<>();
                }
                other.putIfAbsent(obisCode(obis),
                        new MeterReading.Quantity(text ? string(e) : ListDecoder.scale(AxdrNumbers.raw(buf, tag, itemOff[item]), scaler), text ? null : unit));
            }
        }
        if (other != null) {
            into.setOther(other);
        }
        String meterId = meterIdEntry < 0 ? null : string(meterIdEntry);
        String meterType = meterTypeEntry < 0 ? null : string(meterTypeEntry);
        into.setIdentity(listId, meterId, meterType);
        int clockAt = clockItem >= 0 ? itemOff[clockItem] : -1;
        fillTime(buf, clockAt, clockItem >= 0, headerAt, profile, into);
        if (other == null) {
            planValues(off, headerAt, clockItem);
            listPlan.finish(len, profile, listId, meterId, meterType, clockAt < 0 ? -1 : clockAt - off, clockItem >= 0,
                    headerAt < 0 ? -1 : headerAt - off);
        }
    }

    /**
     * Masks the bytes of the plan that only carry values: invoke-id, header date-time, numbers, and
     * the clock's content unless it could be read as the list id.
     */
    private void planValues(int off, int headerAt, int clockItem) {
        listPlan.maskOut(1, 4);
        if (headerAt >= 0) {
            listPlan.maskOut(headerAt - off, CosemDateTime.LENGTH);
        }
        for (int i = 0; i < items; i++) {
            int tag = itemTag[i];
            boolean numeric = tag != OCTET_STRING && tag != VISIBLE_STRING && tag != NULL_DATA;
            if (numeric || (i == clockItem && i != firstUnlabelled)) {
                listPlan.maskOut(itemOff[i] - off, itemLen[i]);
            }
        }
    }

    /**
     * The meter clock ({@code clockAt}: the clock item's content, or -1 for the header's) and the
     * meter time by {@link MeterTimeRule#instant}, without building the Instant.
     */
    static void fillTime(byte[] b, int clockAt, boolean clockIsItem, int headerAt, ListProfile profile, MeterReadingBuffer into) {
        int at = clockIsItem ? clockAt : headerAt;
        if (at < 0) {
            return;
        }
        into.setClock(b, at);
        CosemDateTime header = headerAt < 0 ? null : CosemDateTime.parse(b, headerAt);
        CosemDateTime clock = clockIsItem ? CosemDateTime.parse(b, at) : header;
        long s = MeterTimeRule.epochSecond(clock, profile);
        CosemDateTime used = clock;
        if (s == MeterTimeRule.NO_TIME) {
            s = MeterTimeRule.epochSecond(header, profile);
            used = header;
        }
        if (s != MeterTimeRule.NO_TIME) {
            into.setTime(s, used.hundredths() <= 99 ? used.hundredths() * 10_000_000 : 0);
        }
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
            if (s != null && looksLikeListId(s)) {
                return s;
            }
        }
        return null;
    }

    /** ListDecoder.looksLikeListId, remembered for the last string (TextCache hands out the same instance). */
    private boolean looksLikeListId(String s) {
        if (s != lastCandidate) {
            lastCandidateLooks = ListDecoder.looksLikeListId(s);
            lastCandidate = s;
        }
        return lastCandidateLooks;
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

    /** The position of {@code obis} in {@code codes}, or MAX_VALUE. */
    private static int rank(long obis, long[] codes) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == obis) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** MeterReadings.isIdentity on the bytes. */
    private boolean isIdentity(int e) {
        if (isClock(e) || (c(e) == 0 && d(e) == 2 && g(e, 4) == 129)) {
            return true;
        }
        long obis = entryObis[e];
        return obis == METER_ID[0] || obis == METER_ID[1] || obis == METER_TYPE[0] || obis == METER_TYPE[1];
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

    /** Value group A, C, D or E (0, 2, 3, 4) of entry {@code e}. */
    private int g(int e, int group) {
        return (int) (entryObis[e] >>> (40 - 8 * group)) & 0xFF;
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

    /** The six value groups at {@code off} as one number (A in bits 47..40, F in bits 7..0). */
    static long packed(byte[] b, int off) {
        return ((int) INT_BE.get(b, off) & 0xFFFF_FFFFL) << 16 | ((short) SHORT_BE.get(b, off + 4) & 0xFFFF);
    }

    private static ObisCode obisCode(long packed) {
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
