package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.dlms.DataNotification;
import io.amsgrid.codec.dlms.DlmsData;
import io.amsgrid.codec.dlms.DlmsType;
import io.amsgrid.codec.obis.ObisCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a data-notification body into a {@link MeterList}: finds the OBIS-labelled values in any
 * of the shapes met in the field, recognises the vendor list from its content and applies the
 * vendor's scaling where the frame carries none.
 *
 * <p>Shapes handled (all seen in the vectors):
 * <ul>
 *   <li>array of structures {obis, value[, {scaler, unit}]} (Aidon, Austrian Kaifa/Sagemcom)</li>
 *   <li>flat structure obis, value[, {scaler, unit}], ... with null-data padding (Kamstrup, Kaifa SE,
 *       Sagemcom T210-D), unlabelled elements in between allowed</li>
 *   <li>structure whose first element is the push object list {class, obis, attribute, index}
 *       (Landis+Gyr CH)</li>
 *   <li>positional KFM_001 lists without OBIS codes (Kaifa NO), and a lone number (list 1)</li>
 * </ul>
 */
public final class ListDecoder {
    /** Where lists carry the meter id, in order of preference (GS1 id, Kamstrup, logical device name, serial). */
    static final ObisCode[] METER_ID_CODES = {ObisCode.parse("0.0.96.1.0.255"), ObisCode.parse("1.1.0.0.5.255"),
            ObisCode.parse("0.0.42.0.0.255"), ObisCode.parse("0.0.96.1.1.255")};
    /** Where lists carry the meter type (Kaifa/Aidon, Kamstrup). */
    static final ObisCode[] METER_TYPE_CODES = {ObisCode.parse("0.0.96.1.7.255"), ObisCode.parse("1.1.96.1.1.255")};

    private ListDecoder() {
    }

    public static MeterList decode(DataNotification notification) {
        DlmsData body = notification.body();

        List<ListEntry> entries = new ArrayList<>();
        List<DlmsData> unlabelled = new ArrayList<>();
        boolean pushList = readPushObjectList(body, entries);
        if (!pushList && body instanceof DlmsData.Sequence seq) {
            readPairs(seq, entries, unlabelled);
        } else if (!pushList) {
            unlabelled.add(body);
        }

        String listId = findListId(entries, unlabelled);
        ListProfile profile;
        if (pushList) {
            profile = ListProfile.PUSH_OBJECT_LIST;
        } else if (listId != null && listId.startsWith("KFM_")) {
            profile = ListProfile.KAIFA;
        } else if (listId != null && listId.startsWith("Kamstrup_")) {
            profile = ListProfile.KAMSTRUP;
        } else if (listId != null && listId.startsWith("AIDON_")) {
            profile = ListProfile.AIDON;
        } else if (!entries.isEmpty()) {
            profile = ListProfile.GENERIC_OBIS;
        } else if (body instanceof DlmsData.Sequence seq && seq.size() == 1 && seq.get(0) instanceof DlmsData.Int) {
            profile = ListProfile.LIST_1;
            entries.add(new ListEntry(ObisCode.of(1, 0, 1, 7, 0, 255), seq.get(0), null, null));
        } else {
            profile = ListProfile.UNKNOWN_POSITIONAL;
        }
        if (profile == ListProfile.KAIFA && entries.isEmpty() && body instanceof DlmsData.Sequence seq) {
            entries.addAll(KaifaPositional.label(seq));
        }

        boolean landisGyr = false;
        for (ListEntry e : entries) {
            if (e.obis().c() == 42 && e.obis().d() == 0 && e.value() instanceof DlmsData.Bytes b
                    && b.printable() != null && b.printable().startsWith("LGZ")) {
                landisGyr = true;
            }
        }
        List<DecodedValue> values = new ArrayList<>(entries.size());
        CosemDateTime clock = null;
        for (ListEntry e : entries) {
            DecodedValue v = toValue(profile, e, landisGyr);
            if (v == null) {
                continue;
            }
            values.add(v);
            if (clock == null && isClock(e.obis()) && e.value() instanceof DlmsData.Bytes b && b.bytes().length == 12) {
                clock = CosemDateTime.parse(b.bytes(), 0);
            }
        }
        if (clock == null) {
            clock = notification.dateTime();
        }
        String meterId = firstText(values, METER_ID_CODES);
        String meterType = firstText(values, METER_TYPE_CODES);
        return new MeterList(profile, listId, meterId, meterType, clock, notification.dateTime(),
                java.util.Collections.unmodifiableList(values), body);
    }

    static boolean isClock(ObisCode obis) {
        return obis.a() == 0 && obis.c() == 1 && obis.d() == 0 && obis.e() == 0;
    }

    /** Landis+Gyr CH: structure { array of {class, obis, attribute, index}, value per object }. */
    private static boolean readPushObjectList(DlmsData body, List<ListEntry> entries) {
        if (!(body instanceof DlmsData.Sequence seq) || !seq.isStructure() || seq.size() < 2
                || !(seq.get(0) instanceof DlmsData.Sequence list) || list.isStructure() || list.size() != seq.size()) {
            return false;
        }
        for (DlmsData d : list.items()) {
            if (!(d instanceof DlmsData.Sequence s) || s.size() != 4 || !(s.get(0) instanceof DlmsData.Int)
                    || !(s.get(1) instanceof DlmsData.Bytes b) || b.bytes().length != 6 || !(s.get(2) instanceof DlmsData.Int)) {
                return false;
            }
        }
        for (int i = 0; i < list.size(); i++) {
            DlmsData.Sequence desc = (DlmsData.Sequence) list.get(i);
            long classId = ((DlmsData.Int) desc.get(0)).value();
            long attribute = ((DlmsData.Int) desc.get(2)).value();
            if (classId == 40 || attribute != 2) {
                continue; // the push setup object itself, or a logical name
            }
            entries.add(new ListEntry(ObisCode.fromBytes(((DlmsData.Bytes) desc.get(1)).bytes(), 0), seq.get(i), null, null));
        }
        return true;
    }

    private static void readPairs(DlmsData.Sequence seq, List<ListEntry> entries, List<DlmsData> unlabelled) {
        List<DlmsData> items = seq.items();
        int n = items.size();
        int i = 0;
        while (i < n) {
            DlmsData item = items.get(i);
            if (item instanceof DlmsData.Sequence s && s.isStructure() && s.size() >= 2 && s.size() <= 3
                    && isObis(s.get(0))) {
                ListEntry e = entry(obisOf(s.get(0)), s.get(1), s.size() == 3 ? s.get(2) : null);
                entries.add(e);
                i++;
            } else if (isObis(item) && i + 1 < n && !(items.get(i + 1) instanceof DlmsData.Sequence)
                    && !isPushSetup(((DlmsData.Bytes) item).bytes())) {
                DlmsData scalerUnit = i + 2 < n && isScalerUnit(items.get(i + 2)) ? items.get(i + 2) : null;
                entries.add(entry(obisOf(item), items.get(i + 1), scalerUnit));
                i += scalerUnit == null ? 2 : 3;
            } else {
                if (!(item instanceof DlmsData.Null)) {
                    unlabelled.add(item);
                }
                i++;
            }
        }
    }

    private static ListEntry entry(ObisCode obis, DlmsData value, DlmsData scalerUnit) {
        if (scalerUnit != null && isScalerUnit(scalerUnit)) {
            DlmsData.Sequence su = (DlmsData.Sequence) scalerUnit;
            return new ListEntry(obis, value, (int) ((DlmsData.Int) su.get(0)).value(), (int) ((DlmsData.Int) su.get(1)).value());
        }
        return new ListEntry(obis, value, null, null);
    }

    private static boolean isObis(DlmsData d) {
        return d instanceof DlmsData.Bytes b && b.type() == DlmsType.OCTET_STRING && b.bytes().length == 6;
    }

    private static ObisCode obisOf(DlmsData d) {
        return ObisCode.fromBytes(((DlmsData.Bytes) d).bytes(), 0);
    }

    /** 0.x.25.9.0.255: the push setup's own name, sent first by some Austrian meters; not a value label. */
    private static boolean isPushSetup(byte[] obis) {
        return obis[0] == 0 && obis[2] == 25 && obis[3] == 9;
    }

    private static boolean isScalerUnit(DlmsData d) {
        return d instanceof DlmsData.Sequence s && s.isStructure() && s.size() == 2
                && s.get(0) instanceof DlmsData.Int sc && sc.type() == DlmsType.INTEGER
                && s.get(1) instanceof DlmsData.Int u && u.type() == DlmsType.ENUM;
    }

    private static String findListId(List<ListEntry> entries, List<DlmsData> unlabelled) {
        for (ListEntry e : entries) {
            if (e.obis().c() == 0 && e.obis().d() == 2 && e.obis().e() == 129) {
                String s = text(e.value());
                if (s != null) {
                    return s;
                }
            }
        }
        if (!unlabelled.isEmpty()) {
            String s = text(unlabelled.get(0));
            if (s != null && looksLikeListId(s)) {
                return s;
            }
        }
        return null;
    }

    /** {@code Kamstrup_V0001}, {@code KFM_001}, {@code AIDON_V0001}: letters/digits, '_', optional V, 3-4 digits. */
    static boolean looksLikeListId(String s) {
        int u = s.lastIndexOf('_');
        if (u < 1 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < u; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                return false;
            }
        }
        int d = u + 1 < s.length() && s.charAt(u + 1) == 'V' ? u + 2 : u + 1;
        int digits = s.length() - d;
        if (digits < 3 || digits > 4) {
            return false;
        }
        for (int i = d; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String text(DlmsData d) {
        if (d instanceof DlmsData.Text t) {
            return t.text();
        }
        if (d instanceof DlmsData.Bytes b && b.type() == DlmsType.OCTET_STRING) {
            return b.printable();
        }
        return null;
    }

    private static String firstText(List<DecodedValue> values, ObisCode[] codes) {
        for (ObisCode code : codes) {
            for (DecodedValue v : values) {
                if (v.value() instanceof String s && v.obis().equals(code)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static DecodedValue toValue(ListProfile profile, ListEntry e, boolean landisGyr) {
        DlmsData d = e.value();
        boolean inFrame = e.scaler() != null;
        int scaler = inFrame ? e.scaler() : VendorScaling.defaultScaler(profile, e.obis(), landisGyr);
        String unit = e.unitEnum() != null ? DlmsUnit.symbol(e.unitEnum()) : DlmsUnit.impliedBy(e.obis());
        return switch (d) {
            case DlmsData.Null n -> null;
            case DlmsData.Sequence s -> null;
            case DlmsData.Int i -> {
                Object raw = i.type() == DlmsType.LONG64_UNSIGNED && i.value() < 0
                        ? (Object) Double.valueOf(Long.toUnsignedString(i.value())) : (Object) i.value();
                yield new DecodedValue(e.obis(), scale(raw, scaler), unit, raw, scaler, i.type(), inFrame);
            }
            case DlmsData.Float f -> new DecodedValue(e.obis(), scale(f.value(), scaler), unit, f.value(), scaler, f.type(), inFrame);
            case DlmsData.Bool b -> new DecodedValue(e.obis(), b.value() ? 1L : 0L, unit, b.value() ? 1L : 0L, 0, b.type(), inFrame);
            case DlmsData.Text t -> new DecodedValue(e.obis(), t.text(), null, t.text(), 0, t.type(), false);
            case DlmsData.Bytes b -> {
                String s = null;
                if (isClock(e.obis()) && b.bytes().length == 12) {
                    s = CosemDateTime.parse(b.bytes(), 0).isoAsSent();
                }
                if (s == null) {
                    s = b.printable() != null ? b.printable() : b.hex();
                }
                yield new DecodedValue(e.obis(), s, null, b.hex(), 0, b.type(), false);
            }
        };
    }

    static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /** raw x 10^scaler: a Long when that is exact and the scaler is not negative, else a Double. */
    static Object scale(Object raw, int scaler) {
        if (raw instanceof Long l) {
            if (scaler == 0) {
                return l;
            }
            if (scaler > 0 && scaler < 10 && Math.abs(l) < Long.MAX_VALUE / 1_000_000_000L) {
                long m = 1;
                for (int k = 0; k < scaler; k++) {
                    m *= 10;
                }
                return l * m;
            }
            if (scaler < 0 && scaler > -POW10.length && Math.abs(l) < (1L << 53)) {
                return l / POW10[-scaler]; // both exact, so the quotient is correctly rounded
            }
            return BigDecimal.valueOf(l).scaleByPowerOfTen(scaler).doubleValue();
        }
        double v = ((Number) raw).doubleValue();
        return scaler == 0 ? v : BigDecimal.valueOf(v).scaleByPowerOfTen(scaler).doubleValue();
    }

    /** Every primitive of {@code body} in order: numbers, text, octet-strings as hex, null for null-data. */
    static List<Object> elements(DlmsData body) {
        List<Object> out = new ArrayList<>();
        flatten(body, out);
        return java.util.Collections.unmodifiableList(out);
    }

    private static void flatten(DlmsData d, List<Object> out) {
        switch (d) {
            case DlmsData.Sequence s -> s.items().forEach(x -> flatten(x, out));
            case DlmsData.Null n -> out.add(null);
            case DlmsData.Bool b -> out.add(b.value());
            case DlmsData.Int i -> out.add(i.type() == DlmsType.LONG64_UNSIGNED && i.value() < 0
                    ? new java.math.BigInteger(Long.toUnsignedString(i.value())) : i.value());
            case DlmsData.Float f -> out.add(f.value());
            case DlmsData.Text t -> out.add(t.text());
            case DlmsData.Bytes b -> out.add(b.hex());
        }
    }
}
