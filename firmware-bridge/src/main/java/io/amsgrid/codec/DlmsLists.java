package io.amsgrid.codec;

import io.amsgrid.codec.dlms.DataNotification;
import io.amsgrid.codec.meter.DecodedValue;
import io.amsgrid.codec.meter.ListDecoder;
import io.amsgrid.codec.meter.MeterList;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadings;

import java.util.LinkedHashMap;
import java.util.Map;

/** data-notification -> {@link DecodedList}: list recognition, scaling, normalization. */
final class DlmsLists {

    private DlmsLists() {
    }

    static DecodedList of(HanFormat format, DataNotification notification) {
        MeterList list = ListDecoder.decode(notification);
        MeterReading reading = MeterReadings.of(list);
        Map<String, DecodedList.Value> values = new LinkedHashMap<>();
        for (DecodedValue v : list.values()) {
            values.putIfAbsent(v.obis().toString(), new DecodedList.Value(v.value(), v.unit(), v.raw(),
                    v.value() instanceof Number ? v.scaler() : null));
        }
        return new DecodedList(format, list.profile().label(), list.listId(), list.meterId(), list.meterType(),
                reading.meterClock(), reading.meterTime(), values, list.elements(), reading);
    }
}
