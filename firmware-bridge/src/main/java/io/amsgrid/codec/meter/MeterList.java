package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.dlms.DlmsData;

import java.util.List;

/**
 * A decoded meter list before normalization: identity, clock and the OBIS-labelled values in
 * frame order.
 *
 * @param clock       the meter clock: the clock object (0.x.1.0.0.255) when the list has one,
 *                    otherwise the data-notification header date-time; null when neither
 * @param headerClock the data-notification header date-time, or null when absent
 * @param values      OBIS-labelled values, in frame order
 * @param body        the notification body as decoded
 */
public record MeterList(ListProfile profile, String listId, String meterId, String meterType,
                        CosemDateTime clock, CosemDateTime headerClock, List<DecodedValue> values, DlmsData body) {

    /** Every primitive of the body in order (numbers, strings, octet-strings as hex, null for null-data). */
    public List<Object> elements() {
        return ListDecoder.elements(body);
    }
}
