package io.amsgrid.gateway.source;

/** Serial line settings of the HAN port (always 2400 baud, 8 data bits, 1 stop bit). */
public enum SerialParity {
    /** 8N1: Kamstrup. */
    NONE,
    /** 8E1: Kaifa and Aidon. */
    EVEN,
    /** Try 8N1 and 8E1 in turn until frames pass their checks. */
    AUTO
}
