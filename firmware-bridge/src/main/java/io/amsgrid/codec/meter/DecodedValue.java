package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.DlmsType;
import io.amsgrid.codec.obis.ObisCode;

/**
 * One value of a meter list with the OBIS code it carries (or, for positional lists, the code of
 * the vendor's list specification).
 *
 * @param value        scaled number (Long when integral and unscaled, Double otherwise), or a String
 *                     (text, printable octet-string, a clock as ISO-8601, other octet-strings as hex)
 * @param unit         W, var, A, V, Wh, varh, ... or null for text values
 * @param raw          the number as sent (Long, or Double for floats), or the String for text
 * @param scaler       power of ten applied to {@code raw}
 * @param scalerInFrame true when the frame carried the scaler-unit; false when it is the vendor convention
 */
public record DecodedValue(ObisCode obis, Object value, String unit, Object raw, int scaler, DlmsType type,
                           boolean scalerInFrame) {

    public boolean isNumeric() {
        return value instanceof Number;
    }

    /** The scaled value as a double; only for numeric values. */
    public double doubleValue() {
        return ((Number) value).doubleValue();
    }
}
