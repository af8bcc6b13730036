package io.amsgrid.codec;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadings;
import io.amsgrid.codec.meter.MeterTimeRule;
import io.amsgrid.codec.obis.ObisCode;
import io.amsgrid.codec.p1.P1Line;
import io.amsgrid.codec.p1.P1Telegram;
import io.amsgrid.codec.p1.P1Value;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P1 telegram -> {@link DecodedList}: values literal as written (key {@code A-B:C.D.E}), the
 * reading in base units (kW -> W, kWh -> Wh, kvar(h) -> var(h)). The clock {@code 0-0:1.0.0}
 * {@code YYMMDDhhmmssX} has X = W (winter, +01:00) or S (summer, +02:00) as in DSMR.
 */
final class P1Lists {
    private static final DateTimeFormatter P1_TIME = DateTimeFormatter.ofPattern("uuMMddHHmmss");

    private P1Lists() {
    }

    static DecodedList of(HanFormat format, P1Telegram telegram) {
        Map<String, DecodedList.Value> values = new LinkedHashMap<>();
        List<Object> elements = new ArrayList<>();
        Map<Measurement, Double> measurements = new EnumMap<>(Measurement.class);
        Map<ObisCode, MeterReading.Quantity> other = new LinkedHashMap<>();
        for (P1Line line : telegram.lines()) {
            for (P1Value v : line.values()) {
                elements.add(v.text());
            }
            if (line.multiValue()) {
                List<DecodedList.Value> parts = new ArrayList<>();
                for (P1Value v : line.values()) {
                    parts.add(new DecodedList.Value(v.text(), v.unit(), v.text(), null));
                }
                values.putIfAbsent(line.code(), new DecodedList.Value(List.copyOf(parts), null, null, null));
            } else {
                P1Value v = line.value();
                values.putIfAbsent(line.code(), new DecodedList.Value(v.text(), v.unit(), v.text(), null));
            }
            ObisCode obis = line.obis().orElse(null);
            if (obis == null || line.multiValue()) {
                continue;
            }
            Measurement m = MeterReadings.measurementOf(obis);
            BigDecimal number = line.value().decimal().orElse(null);
            if (m != null && number != null && !measurements.containsKey(m)) {
                double factor = MeterReadings.toBaseUnit(line.value().unit(), m);
                if (!Double.isNaN(factor)) {
                    measurements.put(m, number.doubleValue() * factor);
                    continue;
                }
            }
            if (!line.code().equals("0-0:1.0.0")) {
                other.putIfAbsent(obis, new MeterReading.Quantity(number != null ? number : line.value().text(),
                        line.value().unit()));
            }
        }
        String clockText = telegram.value("0-0:1.0.0").map(P1Value::text).orElse(null);
        String meterClock = null;
        Instant meterTime = null;
        if (clockText != null && clockText.length() == 17 && clockText.charAt(8) == ' ') {
            // "20240111 09:35:00" (NES, Denmark): local time without a season letter
            try {
                LocalDateTime local = LocalDateTime.parse(clockText, DateTimeFormatter.ofPattern("uuuuMMdd HH:mm:ss"));
                meterClock = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                meterTime = local.atZone(MeterTimeRule.NORWAY).toInstant();
            } catch (DateTimeParseException e) {
                meterClock = null;
            }
        } else if (clockText != null && clockText.length() == 13) {
            try {
                LocalDateTime local = LocalDateTime.parse(clockText.substring(0, 12), P1_TIME);
                char season = clockText.charAt(12);
                ZoneOffset offset = season == 'S' ? ZoneOffset.ofHours(2) : season == 'W' ? ZoneOffset.ofHours(1) : null;
                meterClock = local.format(DateTimeFormatter.ISO_LOCAL_DATE) + "T"
                        + local.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + (offset == null ? "" : offset.getId());
                meterTime = offset != null ? local.toInstant(offset)
                        : local.atZone(MeterTimeRule.NORWAY).toInstant();
            } catch (DateTimeParseException e) {
                meterClock = null;
            }
        }
        String meterId = firstText(telegram, "0-0:96.1.0", "0-0:96.1.1", "0-0:96.1.4");
        String meterType = telegram.identification().substring(1);
        MeterReading reading = new MeterReading(meterId, meterType, null, meterClock, meterTime, measurements, other);
        return new DecodedList(format, "DSMR P1", null, meterId, meterType, meterClock, meterTime, values,
                elements, reading);
    }

    private static String firstText(P1Telegram t, String... codes) {
        for (String code : codes) {
            String s = t.value(code).map(P1Value::text).orElse("");
            if (!s.isEmpty()) {
                return s;
            }
        }
        return null;
    }
}
