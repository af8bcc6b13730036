package io.amsgrid.codec.meter;

import io.amsgrid.codec.obis.ObisCode;

/**
 * The scalers vendors use when their lists carry no scaler-unit structure. The conventions come
 * from the vendors' Norwegian HAN list specifications (Kaifa KFM_001, Kamstrup) as implemented and
 * tested by amshan; the Landis+Gyr current scaler from the Swiss smartmeter-datacollector's E450
 * configuration.
 */
final class VendorScaling {

    private VendorScaling() {
    }

    /** The power-of-ten scaler for {@code obis} in a list of {@code profile} that sent none. */
    static int defaultScaler(ListProfile profile, ObisCode obis, boolean landisGyr) {
        return defaultScaler(profile, obis.a(), obis.c(), obis.d(), landisGyr);
    }

    /** {@link #defaultScaler(ListProfile, ObisCode, boolean)} from value groups A, C and D. */
    static int defaultScaler(ListProfile profile, int a, int c, int d, boolean landisGyr) {
        if (a != 1) {
            return 0;
        }
        boolean current = d == 7 && (c == 31 || c == 51 || c == 71);
        boolean voltage = d == 7 && (c == 32 || c == 52 || c == 72);
        boolean energy = d == 8 && c >= 1 && c <= 4;
        return switch (profile) {
            case KAIFA -> current ? -3 : voltage ? -1 : 0;
            case KAMSTRUP -> current ? -2 : energy ? 1 : 0;
            case PUSH_OBJECT_LIST, GENERIC_OBIS -> landisGyr && current ? -2 : 0;
            default -> 0;
        };
    }
}
