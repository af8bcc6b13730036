package io.amsgrid.codec.meter;

/**
 * How a meter list was recognised, always from its content (list identifier, structure shape),
 * never from the frame length.
 */
public enum ListProfile {
    /** Kaifa {@code KFM_001}: values without scaler (I in mA, U in 0.1 V, energy in Wh). */
    KAIFA("Kaifa"),
    /** Kamstrup {@code Kamstrup_V0001}: OBIS with B=1, no scaler (I x0.01 A, U x1 V, energy x10 Wh). */
    KAMSTRUP("Kamstrup"),
    /** Aidon {@code AIDON_V0001}: scaler-unit per value, signed currents. */
    AIDON("Aidon"),
    /** A push whose first element is its push object list (Landis+Gyr CH). */
    PUSH_OBJECT_LIST("push object list"),
    /** Any other list with OBIS codes, scaled by its scaler-unit structures when present. */
    GENERIC_OBIS("OBIS list"),
    /** A single unlabelled number: NVE HAN list 1 (active import power). */
    LIST_1("list 1"),
    /** Values without OBIS codes in an unknown vendor layout: only the raw elements are given. */
    UNKNOWN_POSITIONAL("positional (unknown layout)");

    private final String label;

    ListProfile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
