package io.amsgrid.lambdas.store;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyFlag;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.Payload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import io.amsgrid.rules.MessageKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Payload to item and back. Numbers are stored as {@link Decimals} text, so an item read back gives
 * exactly the payload that was stored (float32 and u64 values included).
 */
public final class ReadingItems {
    static final String THING = "thing";
    static final String KIND = "kind";
    static final String TS = "ts";
    static final String RECEIVED_AT_MS = "receivedAtMs";
    static final String SEQ = "seq";
    static final String METER_ID = "meterId";
    static final String VALUES = "v";

    private ReadingItems() {
    }

    /** The kind a payload is stored under (the topic prefix it must arrive on). */
    public static MessageKind kindOf(Payload payload) {
        return MessageKind.ofTopicPrefix(payload.type().topicPrefix());
    }

    /** The reading's time in UNIX ms: window start, meter hour or failure signal. */
    public static long timestampMs(Payload payload) {
        return switch (payload) {
            case AggregatePayload a -> a.windowStartEpochS() * 1000;
            case HourlyPayload h -> h.hourStartEpochS() * 1000;
            case PowerFailPayload p -> p.signalAtEpochMs();
        };
    }

    /** The item of {@code payload} received from {@code thing}; power-fail dates are local dates in {@code zone}. */
    public static ReadingRecord of(Payload payload, String thing, long receivedAtMs, ZoneId zone) {
        MessageKind kind = kindOf(payload);
        long ts = timestampMs(payload);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ReadingTable.PK, s(Keys.pk(thing, kind)));
        item.put(ReadingTable.SK, s(Keys.sk(ts)));
        item.put(THING, s(thing));
        item.put(KIND, s(kind.topicPrefix()));
        item.put(TS, n(ts));
        item.put(RECEIVED_AT_MS, n(receivedAtMs));
        item.put(SEQ, n(payload.sequence()));
        if (payload.meterId() != null) {
            item.put(METER_ID, s(payload.meterId()));
        }
        switch (payload) {
            case AggregatePayload a -> {
                item.put("intervalMinutes", n(a.intervalMinutes()));
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                a.measurements().forEach((m, st) -> values.put(m.fieldName(), AttributeValue.fromL(List.of(
                        n(st.avg()), n(st.min()), n(st.max()), n(st.samples())))));
                item.put(VALUES, AttributeValue.fromM(values));
            }
            case HourlyPayload h -> {
                item.put("flags", AttributeValue.fromL(h.flags().stream().map(f -> s(f.name())).toList()));
                item.put("missingHours", n(h.missingHours()));
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                h.registers().forEach((m, v) -> values.put(m.fieldName(), n(v)));
                item.put(VALUES, AttributeValue.fromM(values));
            }
            case PowerFailPayload p -> {
                item.put("reason", s(p.reason().name()));
                List<AttributeValue> samples = new ArrayList<>();
                for (PowerFailPayload.VoltageSample sample : p.samples()) {
                    Map<String, AttributeValue> m = new LinkedHashMap<>();
                    m.put("t", n(sample.timeEpochMs()));
                    sample.voltagesV().forEach((k, v) -> m.put(k.fieldName(), n(v)));
                    samples.add(AttributeValue.fromM(m));
                }
                item.put("samples", AttributeValue.fromL(samples));
                LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(ts), zone);
                item.put(ReadingTable.GSI1_PK, s(Keys.powerFailDayPk(day)));
                item.put(ReadingTable.GSI1_SK, s(Keys.powerFailDaySk(ts, thing)));
            }
        }
        return new ReadingRecord(thing, kind, ts, item);
    }

    /**
     * The item of a reading decoded from a {@code raw/} frame: stored under kind {@code raw} at the
     * meter's time (the broker's receive time when the frame has no clock), values as decoded.
     */
    public static ReadingRecord ofRaw(MeterReading reading, String thing, long receivedAtMs) {
        long ts = reading.time().map(Instant::toEpochMilli).orElse(receivedAtMs);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ReadingTable.PK, s(Keys.pk(thing, MessageKind.RAW)));
        item.put(ReadingTable.SK, s(Keys.sk(ts)));
        item.put(THING, s(thing));
        item.put(KIND, s(MessageKind.RAW.topicPrefix()));
        item.put(TS, n(ts));
        item.put(RECEIVED_AT_MS, n(receivedAtMs));
        if (reading.meterId() != null) {
            item.put(METER_ID, s(reading.meterId()));
        }
        if (reading.listId() != null) {
            item.put("listId", s(reading.listId()));
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        reading.values().forEach((m, v) -> values.put(m.fieldName(),
                AttributeValue.fromN(java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString())));
        item.put(VALUES, AttributeValue.fromM(values));
        return new ReadingRecord(thing, MessageKind.RAW, ts, item);
    }

    /** The payload an item was made from (for the CSV export). */
    public static Payload toPayload(Map<String, AttributeValue> item) {
        MessageKind kind = MessageKind.ofTopicPrefix(item.get(KIND).s());
        long ts = Long.parseLong(item.get(TS).n());
        long seq = Long.parseLong(item.get(SEQ).n());
        String meterId = item.containsKey(METER_ID) ? item.get(METER_ID).s() : null;
        return switch (kind) {
            case AVG -> {
                Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
                item.get(VALUES).m().forEach((name, v) -> {
                    List<AttributeValue> l = v.l();
                    stats.put(Measurement.ofFieldName(name), new AggregatePayload.Stats(f(l.get(0)), f(l.get(1)),
                            f(l.get(2)), Integer.parseInt(l.get(3).n())));
                });
                yield new AggregatePayload(seq, ts / 1000, Integer.parseInt(item.get("intervalMinutes").n()), meterId, stats);
            }
            case HR -> {
                Set<HourlyFlag> flags = EnumSet.noneOf(HourlyFlag.class);
                item.get("flags").l().forEach(f -> flags.add(HourlyFlag.valueOf(f.s())));
                Map<Measurement, Long> registers = new EnumMap<>(Measurement.class);
                item.get(VALUES).m().forEach((name, v) -> registers.put(Measurement.ofFieldName(name), Long.parseLong(v.n())));
                yield new HourlyPayload(seq, ts / 1000, meterId, flags, Integer.parseInt(item.get("missingHours").n()), registers);
            }
            case PF -> {
                List<PowerFailPayload.VoltageSample> samples = new ArrayList<>();
                for (AttributeValue sample : item.get("samples").l()) {
                    Map<Measurement, Float> voltages = new EnumMap<>(Measurement.class);
                    sample.m().forEach((name, v) -> {
                        if (!name.equals("t")) {
                            voltages.put(Measurement.ofFieldName(name), f(v));
                        }
                    });
                    samples.add(new PowerFailPayload.VoltageSample(Long.parseLong(sample.m().get("t").n()), voltages));
                }
                yield new PowerFailPayload(seq, ts, PowerFailReason.valueOf(item.get("reason").s()), meterId, samples);
            }
            case RAW -> throw new IllegalArgumentException("raw readings have no payload form");
        };
    }

    private static float f(AttributeValue v) {
        return Float.parseFloat(v.n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(float value) {
        return AttributeValue.fromN(Decimals.of(value));
    }
}
