package io.amsgrid.codec.meter;

import java.util.Arrays;

/**
 * The scaler, unit and measurement of each entry of the last list {@link PlainListReader} read,
 * reused while the meter repeats the list (a meter sends the same list every 2 or 10 seconds):
 * entry {@code e} keeps its plan while its OBIS code, the scaler and unit the frame sent, the list
 * profile and the Landis+Gyr flag are those the plan was made from. One per reader.
 */
final class EntryPlans {
    static final int NONE = Integer.MIN_VALUE;

    private long[] obis = new long[32];
    private int[] scalerSent = new int[32];
    private int[] unitSent = new int[32];
    private int[] scaler = new int[32];
    private String[] unit = new String[32];
    private int[] measurement = new int[32];
    private int planned;
    private ListProfile profile;
    private boolean landisGyr;

    /** Starts a list of {@code entries} entries; plans made under another profile or flag are dropped. */
    void begin(ListProfile profile, boolean landisGyr, int entries) {
        if (profile != this.profile || landisGyr != this.landisGyr) {
            this.profile = profile;
            this.landisGyr = landisGyr;
            planned = 0;
        }
        if (obis.length < entries) {
            int n = Math.max(entries, obis.length * 2);
            obis = Arrays.copyOf(obis, n);
            scalerSent = Arrays.copyOf(scalerSent, n);
            unitSent = Arrays.copyOf(unitSent, n);
            scaler = Arrays.copyOf(scaler, n);
            unit = Arrays.copyOf(unit, n);
            measurement = Arrays.copyOf(measurement, n);
        }
    }

    /**
     * Plans entry {@code e} (packed OBIS, and the scaler and unit enum the frame sent, or
     * {@link #NONE}) unless the plan it has was made from the same; then read {@link #scaler},
     * {@link #unit} and {@link #measurement}.
     */
    void plan(int e, long packedObis, int sentScaler, int sentUnit) {
        if (e < planned && obis[e] == packedObis && scalerSent[e] == sentScaler && unitSent[e] == sentUnit) {
            return;
        }
        int a = (int) (packedObis >>> 40) & 0xFF;
        int c = (int) (packedObis >>> 24) & 0xFF;
        int d = (int) (packedObis >>> 16) & 0xFF;
        obis[e] = packedObis;
        scalerSent[e] = sentScaler;
        unitSent[e] = sentUnit;
        scaler[e] = sentScaler != NONE ? sentScaler : VendorScaling.defaultScaler(profile, a, c, d, landisGyr);
        unit[e] = sentUnit != NONE ? DlmsUnit.symbol(sentUnit) : DlmsUnit.impliedBy(a, c, d);
        Measurement m = MeterReadings.measurementOf(a, c, d, (int) (packedObis >>> 8) & 0xFF);
        measurement[e] = m == null ? -1 : m.ordinal();
        if (e >= planned) {
            planned = e + 1;
        }
    }

    int scaler(int e) {
        return scaler[e];
    }

    String unit(int e) {
        return unit[e];
    }

    /** The measurement's ordinal, or -1 when the code is not one of the 14. */
    int measurement(int e) {
        return measurement[e];
    }
}
