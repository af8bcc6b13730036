package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.DlmsData;
import io.amsgrid.codec.obis.ObisCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The Norwegian Kaifa KFM_001 lists carry no OBIS codes: the values follow the list
 * specification (thesis Appendix A) by position. Single-phase meters leave out IL2, IL3, UL2,
 * UL3; List 3 adds the clock and the four energy registers.
 */
final class KaifaPositional {
    private static final String[] LIST2_1PH = {"1.1.0.2.129.255", "0.0.96.1.0.255", "0.0.96.1.7.255",
            "1.0.1.7.0.255", "1.0.2.7.0.255", "1.0.3.7.0.255", "1.0.4.7.0.255", "1.0.31.7.0.255", "1.0.32.7.0.255"};
    private static final String[] LIST2_3PH = {"1.1.0.2.129.255", "0.0.96.1.0.255", "0.0.96.1.7.255",
            "1.0.1.7.0.255", "1.0.2.7.0.255", "1.0.3.7.0.255", "1.0.4.7.0.255",
            "1.0.31.7.0.255", "1.0.51.7.0.255", "1.0.71.7.0.255", "1.0.32.7.0.255", "1.0.52.7.0.255", "1.0.72.7.0.255"};
    private static final String[] LIST3_TAIL = {"0.0.1.0.0.255", "1.0.1.8.0.255", "1.0.2.8.0.255",
            "1.0.3.8.0.255", "1.0.4.8.0.255"};

    /** The longest positional list (List 3, three phases). */
    static final int MAX_SIZE = 18;
    private static final long[] EMPTY = new long[0];
    private static final long[] LIST2_1PH_PACKED = packed(LIST2_1PH);
    private static final long[] LIST2_3PH_PACKED = packed(LIST2_3PH);
    private static final long[] LIST3_1PH_PACKED = packed(concat(LIST2_1PH, LIST3_TAIL));
    private static final long[] LIST3_3PH_PACKED = packed(concat(LIST2_3PH, LIST3_TAIL));

    private KaifaPositional() {
    }

    /** The OBIS codes (packed as PlainListReader.packed does) for a KFM_001 list of {@code size} values, as {@link #label} uses. */
    static long[] packedCodes(int size) {
        return switch (size) {
            case 9 -> LIST2_1PH_PACKED;
            case 13 -> LIST2_3PH_PACKED;
            case 14 -> LIST3_1PH_PACKED;
            case 18 -> LIST3_3PH_PACKED;
            default -> EMPTY;
        };
    }

    private static long[] packed(String[] codes) {
        ObisCode[] parsed = new ObisCode[codes.length];
        for (int i = 0; i < codes.length; i++) {
            parsed[i] = ObisCode.parse(codes[i]);
        }
        return PlainListReader.packed(parsed);
    }

    /** Labels the positional values of a KFM_001 list 2 or 3; other lengths stay unlabelled. */
    static List<ListEntry> label(DlmsData.Sequence body) {
        String[] codes = switch (body.size()) {
            case 9 -> LIST2_1PH;
            case 13 -> LIST2_3PH;
            case 14 -> concat(LIST2_1PH, LIST3_TAIL);
            case 18 -> concat(LIST2_3PH, LIST3_TAIL);
            default -> new String[0];
        };
        List<ListEntry> out = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            out.add(new ListEntry(ObisCode.parse(codes[i]), body.get(i), null, null));
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
