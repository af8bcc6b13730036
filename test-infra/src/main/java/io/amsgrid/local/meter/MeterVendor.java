package io.amsgrid.local.meter;

import java.time.Duration;

/**
 * The Norwegian HAN meter vendors the simulator imitates, with the push cadence it uses for them.
 *
 * <p>The cadences follow the Norwegian HAN specification (NEK): a short list (List 1, active
 * import power) every {@code list1Period} where the vendor sends one, the full list (List 2) every
 * 10 s, and the hourly list with the energy registers (List 3) a few seconds after each full hour.
 */
public enum MeterVendor {
    /** Kaifa {@code KFM_001}: positional values, no scaler (I in mA, U in 0.1 V, energy in Wh). */
    KAIFA(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10)),
    /** Kamstrup {@code Kamstrup_V0001}: OBIS codes with B=1, I in 0.01 A, U in V, energy in 10 Wh. */
    KAMSTRUP(null, Duration.ofSeconds(10), Duration.ofSeconds(5)),
    /** Aidon {@code AIDON_V0001}: scaler-unit per value, signed current. */
    AIDON(Duration.ofMillis(2500), Duration.ofSeconds(10), Duration.ofSeconds(10));

    private final Duration list1Period;
    private final Duration list2Period;
    private final Duration list3Offset;

    MeterVendor(Duration list1Period, Duration list2Period, Duration list3Offset) {
        this.list1Period = list1Period;
        this.list2Period = list2Period;
        this.list3Offset = list3Offset;
    }

    /** Period of List 1 pushes, or {@code null} when the vendor sends none. */
    public Duration list1Period() {
        return list1Period;
    }

    public Duration list2Period() {
        return list2Period;
    }

    /** How long after the full hour List 3 is pushed. */
    public Duration list3Offset() {
        return list3Offset;
    }

    /** The serial line parity the vendor's HAN port uses (8N1 Kamstrup, 8E1 the others). */
    public char parity() {
        return this == KAMSTRUP ? 'N' : 'E';
    }
}
