package io.amsgrid.codec.meter;

import io.amsgrid.codec.obis.ObisCode;

/**
 * The unit enumeration of the COSEM scaler_unit (Blue Book, class 3 attribute 3), and the unit
 * implied by an OBIS code when a list sends no scaler-unit (Kaifa, Kamstrup, Landis+Gyr pushes).
 */
public final class DlmsUnit {
    private static final String[] SYMBOLS = new String[256];

    static {
        String[] s = {null, "a", "mo", "wk", "d", "h", "min", "s", "°", "°C", "currency", "m", "m/s", "m3", "m3",
                "m3/h", "m3/h", "m3/d", "m3/d", "l", "kg", "N", "Nm", "Pa", "bar", "J", "J/h", "W", "VA", "var",
                "Wh", "VAh", "varh", "A", "C", "V", "V/m", "F", "Ω", "Ωm2/m", "Wb", "T", "A/m", "H", "Hz",
                "1/(Wh)", "1/(varh)", "1/(VAh)", "V2h", "A2h", "kg/s", "S", "K", "1/(V2h)", "1/(A2h)", "1/m3", "%",
                "Ah"};
        System.arraycopy(s, 0, SYMBOLS, 0, s.length);
        SYMBOLS[60] = "Wh/m3";
        SYMBOLS[61] = "J/m3";
        SYMBOLS[254] = "other";
        SYMBOLS[255] = "";
    }

    private DlmsUnit() {
    }

    /** The symbol for a unit enum value; 255 ("count", no unit) is the empty string. */
    public static String symbol(int unitEnum) {
        String s = unitEnum >= 0 && unitEnum < 256 ? SYMBOLS[unitEnum] : null;
        return s != null ? s : "unit#" + unitEnum;
    }

    /**
     * The unit an electricity OBIS code implies (IEC 62056-61 value group C and D), or null when
     * the code names no physical quantity amsgrid knows (identifiers, clock, ...).
     */
    public static String impliedBy(ObisCode obis) {
        return impliedBy(obis.a(), obis.c(), obis.d());
    }

    /** {@link #impliedBy(ObisCode)} from value groups A, C and D. */
    static String impliedBy(int a, int c, int d) {
        if (a != 1) {
            return null;
        }
        boolean phaseOrTotal = c <= 80;
        if (!phaseOrTotal) {
            return null;
        }
        int quantity = c % 20; // 1..20 total, 21..40 L1, 41..60 L2, 61..80 L3
        boolean power = d == 7 || d == 4 || d == 5 || d == 6 || d == 24 || d == 25 || d == 27;
        boolean energy = d == 8 || d == 9 || d == 29;
        return switch (quantity) {
            case 1, 2, 15, 16 -> power ? "W" : energy ? "Wh" : null;
            case 3, 4, 5, 6, 7, 8 -> power ? "var" : energy ? "varh" : null;
            case 9, 10 -> power ? "VA" : energy ? "VAh" : null;
            case 11 -> d == 7 ? "A" : null;   // 31, 51, 71 currents
            case 12 -> d == 7 ? "V" : null;   // 32, 52, 72 voltages
            case 13 -> d == 7 ? "" : null;    // power factor
            case 14 -> d == 7 ? "Hz" : null;
            default -> null;
        };
    }
}
