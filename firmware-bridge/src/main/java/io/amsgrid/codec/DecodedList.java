package io.amsgrid.codec;

import io.amsgrid.codec.meter.MeterReading;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One decoded meter list or telegram: what {@code ./amsgrid decode} prints.
 *
 * @param profile    how the list was recognised (e.g. {@code Kamstrup}, {@code DSMR P1})
 * @param meterClock the meter clock as sent (ISO-8601, offset only when the frame gives one)
 * @param meterTime  the meter clock as an instant by the time rule (docs/han-protocol.md)
 * @param values     OBIS as in the frame ({@code A.B.C.D.E.F}; P1: {@code A-B:C.D.E}) to value, in
 *                   frame order
 * @param elements   raw primitive values in order (octet-strings as hex, null-data as null)
 * @param reading    the normalized reading
 */
public record DecodedList(HanFormat format, String profile, String listId, String meterId, String meterType,
                          String meterClock, Instant meterTime, Map<String, Value> values, List<Object> elements,
                          MeterReading reading) {

    /**
     * @param value  scaled number (W, var, A, V, Wh, varh...) or text; P1: the literal text
     * @param unit   unit, or null for text
     * @param raw    the value as sent, before scaling
     * @param scaler the power of ten applied, null when not applicable (text, P1)
     */
    public record Value(Object value, String unit, Object raw, Integer scaler) {
    }
}
