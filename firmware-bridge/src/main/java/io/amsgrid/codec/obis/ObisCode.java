package io.amsgrid.codec.obis;

import java.util.Arrays;

/**
 * An OBIS code (IEC 62056-61): six value groups A.B.C.D.E.F, each 0..255. Immutable.
 *
 * <p>Parses the forms met in the field: {@code 1.0.1.7.0.255}, {@code 1-0:1.7.0.255},
 * {@code 1-0:1.7.0*255} and the five-group P1 form {@code 1-0:1.7.0} (F then defaults to 255).
 * {@link #toString()} gives the dotted six-group form, which is how amsgrid names values
 * ("as in the frame": Kamstrup's B=1 is kept).
 */
public final class ObisCode implements Comparable<ObisCode> {
    private final byte[] groups;

    private ObisCode(byte[] groups) {
        this.groups = groups;
    }

    public static ObisCode of(int a, int b, int c, int d, int e, int f) {
        int[] values = {a, b, c, d, e, f};
        byte[] g = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (values[i] < 0 || values[i] > 255) {
                throw new IllegalArgumentException("OBIS value group out of range 0..255: " + values[i]);
            }
            g[i] = (byte) values[i];
        }
        return new ObisCode(g);
    }

    /** From the six bytes of a COSEM logical name (octet-string of length 6). */
    public static ObisCode fromBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < 6) {
            throw new IllegalArgumentException("an OBIS code needs 6 bytes");
        }
        return new ObisCode(Arrays.copyOfRange(bytes, offset, offset + 6));
    }

    /** Parses {@code A.B.C.D.E.F}, {@code A-B:C.D.E.F}, {@code A-B:C.D.E*F} or {@code A-B:C.D.E}. */
    public static ObisCode parse(String text) {
        String[] parts = text.trim().split("[.:*\\-]");
        if (parts.length != 5 && parts.length != 6) {
            throw new IllegalArgumentException("not an OBIS code: '" + text + "'");
        }
        int[] v = new int[6];
        v[5] = 255;
        try {
            for (int i = 0; i < parts.length; i++) {
                v[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an OBIS code: '" + text + "'", e);
        }
        return of(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    public int a() { return groups[0] & 0xFF; }
    public int b() { return groups[1] & 0xFF; }
    public int c() { return groups[2] & 0xFF; }
    public int d() { return groups[3] & 0xFF; }
    public int e() { return groups[4] & 0xFF; }
    public int f() { return groups[5] & 0xFF; }

    /** The same code with value group B set to {@code b} (Kamstrup sends B=1 for channel 1). */
    public ObisCode withB(int b) {
        return of(a(), b, c(), d(), e(), f());
    }

    /** {@code A.B.C.D.E.F}. */
    @Override
    public String toString() {
        return a() + "." + b() + "." + c() + "." + d() + "." + e() + "." + f();
    }

    /** {@code A-B:C.D.E} as written in IEC 62056-21 / DSMR P1 telegrams. */
    public String toP1String() {
        return a() + "-" + b() + ":" + c() + "." + d() + "." + e();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObisCode other && Arrays.equals(groups, other.groups);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(groups);
    }

    @Override
    public int compareTo(ObisCode o) {
        return Arrays.compareUnsigned(groups, o.groups);
    }
}
