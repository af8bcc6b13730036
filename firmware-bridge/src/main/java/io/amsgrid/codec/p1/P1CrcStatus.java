package io.amsgrid.codec.p1;

/** The CRC state of an accepted telegram (a wrong CRC is a reject, {@link P1RejectReason#BAD_CRC}). */
public enum P1CrcStatus {
    /** The telegram carries a CRC-16/ARC and it matches (DSMR 4+, Nordic HAN P1). */
    VALID,
    /** The telegram ends with a bare '!' (DSMR 2.2 / 3, IEC 62056-21 without checksum): nothing to check. */
    ABSENT
}
