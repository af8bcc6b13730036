package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.obis.ObisCode;

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
 * <p>A list the meter repeats (same bytes except values) is read through its {@link ListPlan}:
 * values at the remembered offsets, no walk. The A-XDR walk itself is in {@link ListWalk}, the
 * numbers in {@link AxdrNumbers}.
 *
 * <p>One instance per thread (scratch arrays); {@link #read} is the entry point.
 */
public final class PlainListReader extends ListWalk {
    private static final ThreadLocal<PlainListReader> PER_THREAD = ThreadLocal.withInitial(PlainListReader::new);
    private static final Measurement[] MEASUREMENTS = Measurement.values();
    private static final long LIST_1_OBIS = packed(new byte[] {1, 0, 1, 7, 0, (byte) 255}, 0);
    private static final long[] METER_ID = packed(ListDecoder.METER_ID_CODES);
    private static final long[] METER_TYPE = packed(ListDecoder.METER_TYPE_CODES);

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

    private static boolean isIntegerTag(int tag) {
        return switch (tag) {
            case 0x05, 0x06, 0x0F, 0x10, 0x11, 0x12, 0x14, 0x15, 0x16 -> true;
            default -> false;
        };
    }
}
