package io.amsgrid.codec.payload;

/** Flags of an {@link HourlyPayload}; {@link #bit()} is the bit in the binary flags byte. */
public enum HourlyFlag {
    /** One or more hours are missing before this one ({@link HourlyPayload#missingHours()} says how many). */
    GAP(0),
    /** The meter sent the same hour again; the registers are as received, the earlier message stands. */
    REPEATED(1),
    /** The meter's clock was not valid (clock status invalid or unset); the hour is the gateway's estimate. */
    CLOCK_INVALID(2);

    /** Bits not assigned to a flag must be zero (a new flag comes with a new layout version). */
    static final int KNOWN_BITS = 0b111;

    private final int bit;

    HourlyFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
