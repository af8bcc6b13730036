package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Sample payloads for the tests: the fixtures of {@code docs/payloads.md} and random ones. */
final class Payloads {
    private Payloads() {
    }

    static AggregatePayload aggregateFixture() {
        return new AggregatePayload(42, 1_700_000_000L, 1, "MTR1", Map.of(
                Measurement.ACTIVE_IMPORT_W, new AggregatePayload.Stats(1500f, 1000f, 2000f, 6),
                Measurement.VOLTAGE_L1_V, new AggregatePayload.Stats(230f, 229.5f, 230.5f, 6)));
    }

    static HourlyPayload hourlyFixture() {
        return new HourlyPayload(7, 1_699_999_200L, null, EnumSet.of(HourlyFlag.GAP), 2, Map.of(
                Measurement.ACTIVE_IMPORT_WH, 123_456_789_012L,
                Measurement.REACTIVE_IMPORT_VARH, 5_000L));
    }

    static PowerFailPayload powerFailFixture() {
        return new PowerFailPayload(9, 1_700_000_090_000L, PowerFailReason.GPIO, null, List.of(
                new PowerFailPayload.VoltageSample(1_700_000_000_000L, Map.of(Measurement.VOLTAGE_L1_V, 231.5f)),
                new PowerFailPayload.VoltageSample(1_700_000_010_000L, Map.of(
                        Measurement.VOLTAGE_L1_V, 230f, Measurement.VOLTAGE_L2_V, 231f, Measurement.VOLTAGE_L3_V, 232f))));
    }

    /** A random valid payload of any type. */
    static Payload random(Random rnd) {
        String meterId = rnd.nextBoolean() ? null : "69" + (10_000_000_000_000L + rnd.nextLong(89_999_999_999_999L));
        long sequence = rnd.nextLong(1L << 32);
        return switch (rnd.nextInt(3)) {
            case 0 -> {
                Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
                for (Measurement m : Measurement.values()) {
                    if (m.isInstantaneous() && (stats.isEmpty() || rnd.nextBoolean())) {
                        float a = rnd.nextFloat() * 10_000f;
                        float b = rnd.nextFloat() * 10_000f;
                        float lo = Math.min(a, b);
                        float hi = Math.max(a, b);
                        stats.put(m, new AggregatePayload.Stats(lo + (hi - lo) / 2, lo, hi, 1 + rnd.nextInt(0xFFFF)));
                    }
                }
                yield new AggregatePayload(sequence, rnd.nextLong(1L << 32), 1 + rnd.nextInt(60), meterId, stats);
            }
            case 1 -> {
                Map<Measurement, Long> registers = new EnumMap<>(Measurement.class);
                for (Measurement m : Measurement.values()) {
                    if (!m.isInstantaneous() && (registers.isEmpty() || rnd.nextBoolean())) {
                        registers.put(m, rnd.nextLong(Long.MAX_VALUE));
                    }
                }
                EnumSet<HourlyFlag> flags = EnumSet.noneOf(HourlyFlag.class);
                for (HourlyFlag f : HourlyFlag.values()) {
                    if (rnd.nextBoolean()) {
                        flags.add(f);
                    }
                }
                int missing = flags.contains(HourlyFlag.GAP) ? 1 + rnd.nextInt(0xFFFF) : 0;
                yield new HourlyPayload(sequence, rnd.nextLong(1L << 32), meterId, flags, missing, registers);
            }
            default -> {
                int n = rnd.nextInt(20);
                long t = 1_700_000_000_000L + rnd.nextLong(1L << 36);
                List<PowerFailPayload.VoltageSample> samples = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Map<Measurement, Float> v = new EnumMap<>(Measurement.class);
                    for (Measurement m : PowerFailPayload.VOLTAGES) {
                        if (v.isEmpty() || rnd.nextBoolean()) {
                            v.put(m, 200f + rnd.nextFloat() * 50f);
                        }
                    }
                    samples.add(new PowerFailPayload.VoltageSample(t + i * 2_000L, v));
                }
                yield new PowerFailPayload(sequence, t + n * 2_000L, PowerFailReason.values()[rnd.nextInt(3)], meterId, samples);
            }
        };
    }
}
