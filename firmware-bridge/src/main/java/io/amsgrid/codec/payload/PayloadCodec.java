package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact binary layout of {@code docs/payloads.md}, version 1, big-endian:
 *
 * <pre>
 * +---------+------+----------+-------+-----------+---------------+----------+
 * | version | type | sequence | idLen | meterId   | body (by type)| CRC-16   |
 * | u8 = 1  | u8   | u32      | u8    | idLen B   |               | X-25, BE |
 * +---------+------+----------+-------+-----------+---------------+----------+
 * </pre>
 *
 * Decoding checks, in this order: version, type, exact length (the layout's own length fields must
 * account for every byte), CRC, then value ranges. Every failure is a {@link PayloadException};
 * nothing else escapes {@link #decode(byte[])} for any input.
 */
public final class PayloadCodec {
    static final int HEADER_BYTES = 7;
    static final int CRC_BYTES = 2;
    private static final int STATS_BYTES = 4 + 4 + 4 + 2;
    private static final int INSTANTANEOUS_COUNT = 10;
    private static final int FIRST_ENERGY_ORDINAL = Measurement.ACTIVE_IMPORT_WH.ordinal();

    private PayloadCodec() {
    }

    /** The binary form of {@code payload}. */
    public static byte[] encode(Payload payload) {
        byte[] id = payload.meterId() == null ? new byte[0] : payload.meterId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + id.length + bodyLength(payload) + CRC_BYTES);
        out.put((byte) Payload.VERSION).put((byte) payload.type().code()).putInt((int) payload.sequence());
        out.put((byte) id.length).put(id);
        switch (payload) {
            case AggregatePayload a -> {
                out.putInt((int) a.windowStartEpochS()).put((byte) a.intervalMinutes());
                int presence = 0;
                for (Measurement m : a.measurements().keySet()) {
                    presence |= 1 << m.ordinal();
                }
                out.putShort((short) presence);
                a.measurements().values().forEach(s ->
                        out.putFloat(s.avg()).putFloat(s.min()).putFloat(s.max()).putShort((short) s.samples()));
            }
            case HourlyPayload h -> {
                int flags = 0;
                for (HourlyFlag f : h.flags()) {
                    flags |= 1 << f.bit();
                }
                out.putInt((int) h.hourStartEpochS()).put((byte) flags).putShort((short) h.missingHours());
                int presence = 0;
                for (Measurement m : h.registers().keySet()) {
                    presence |= 1 << (m.ordinal() - FIRST_ENERGY_ORDINAL);
                }
                out.put((byte) presence);
                h.registers().values().forEach(out::putLong);
            }
            case PowerFailPayload p -> {
                out.putLong(p.signalAtEpochMs()).put((byte) p.reason().code()).putShort((short) p.samples().size());
                for (PowerFailPayload.VoltageSample s : p.samples()) {
                    int presence = 0;
                    for (Measurement m : s.voltagesV().keySet()) {
                        presence |= 1 << PowerFailPayload.VOLTAGES.indexOf(m);
                    }
                    out.putLong(s.timeEpochMs()).put((byte) presence);
                    s.voltagesV().values().forEach(out::putFloat);
                }
            }
        }
        byte[] bytes = out.array();
        int crc = PayloadCrc.crc16X25(bytes, 0, bytes.length - CRC_BYTES);
        out.putShort((short) crc);
        return bytes;
    }

    /** The payload in {@code bytes}; throws {@link PayloadException} for anything else. */
    public static Payload decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw wrongLength("empty payload");
        }
        int version = bytes[0] & 0xFF;
        if (version != Payload.VERSION) {
            throw new PayloadException(PayloadRejectReason.UNKNOWN_VERSION,
                    "payload version " + version + " is not supported (this code reads version " + Payload.VERSION + ")");
        }
        if (bytes.length < 2) {
            throw wrongLength("1 byte is too short for a payload header");
        }
        PayloadType type = PayloadType.ofCode(bytes[1] & 0xFF);
        int expected = expectedLength(type, bytes);
        if (expected != bytes.length) {
            throw wrongLength("the " + type.jsonName() + " layout accounts for " + expected + " bytes, got " + bytes.length);
        }
        int crc = ((bytes[bytes.length - 2] & 0xFF) << 8) | (bytes[bytes.length - 1] & 0xFF);
        int computed = PayloadCrc.crc16X25(bytes, 0, bytes.length - CRC_BYTES);
        if (crc != computed) {
            throw new PayloadException(PayloadRejectReason.BAD_CHECKSUM,
                    String.format("CRC-16 is 0x%04X, the bytes give 0x%04X", crc, computed));
        }
        return build(type, ByteBuffer.wrap(bytes, 0, bytes.length - CRC_BYTES));
    }

    private static int bodyLength(Payload payload) {
        return switch (payload) {
            case AggregatePayload a -> 4 + 1 + 2 + a.measurements().size() * STATS_BYTES;
            case HourlyPayload h -> 4 + 1 + 2 + 1 + h.registers().size() * 8;
            case PowerFailPayload p -> 8 + 1 + 2
                    + p.samples().stream().mapToInt(s -> 8 + 1 + 4 * s.voltagesV().size()).sum();
        };
    }

    /** Walks the length-defining fields only (no value checks) and returns the total length. */
    private static int expectedLength(PayloadType type, byte[] b) {
        int pos = HEADER_BYTES - 1;
        need(b, pos + 1);
        pos += 1 + (b[pos] & 0xFF);
        switch (type) {
            case AGGREGATE -> {
                need(b, pos + 7);
                int presence = ((b[pos + 5] & 0xFF) << 8) | (b[pos + 6] & 0xFF);
                pos += 7 + Integer.bitCount(presence) * STATS_BYTES;
            }
            case HOURLY -> {
                need(b, pos + 8);
                pos += 8 + Integer.bitCount(b[pos + 7] & 0xFF) * 8;
            }
            case POWER_FAIL -> {
                need(b, pos + 11);
                int count = ((b[pos + 9] & 0xFF) << 8) | (b[pos + 10] & 0xFF);
                pos += 11;
                for (int i = 0; i < count; i++) {
                    need(b, pos + 9);
                    pos += 9 + Integer.bitCount(b[pos + 8] & 0xFF) * 4;
                }
            }
        }
        return pos + CRC_BYTES;
    }

    private static void need(byte[] b, int length) {
        if (b.length < length) {
            throw wrongLength("payload ends after " + b.length + " bytes, the layout needs at least " + length);
        }
    }

    private static Payload build(PayloadType type, ByteBuffer in) {
        in.position(2);
        long sequence = Integer.toUnsignedLong(in.getInt());
        byte[] id = new byte[in.get() & 0xFF];
        in.get(id);
        String meterId = new String(id, StandardCharsets.US_ASCII);
        if (id.length > PayloadChecks.METER_ID_MAX_LENGTH) {
            throw PayloadException.outOfRange("meterId length " + id.length + " exceeds " + PayloadChecks.METER_ID_MAX_LENGTH);
        }
        return switch (type) {
            case AGGREGATE -> {
                long windowStart = Integer.toUnsignedLong(in.getInt());
                int interval = in.get() & 0xFF;
                int presence = in.getShort() & 0xFFFF;
                if (presence >>> INSTANTANEOUS_COUNT != 0) {
                    throw PayloadException.outOfRange(String.format("aggregate presence bits 0x%04X name no instantaneous measurement", presence));
                }
                Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
                for (Measurement m : Measurement.values()) {
                    if ((presence & (1 << m.ordinal())) != 0) {
                        stats.put(m, new AggregatePayload.Stats(in.getFloat(), in.getFloat(), in.getFloat(), in.getShort() & 0xFFFF));
                    }
                }
                yield new AggregatePayload(sequence, windowStart, interval, meterId, stats);
            }
            case HOURLY -> {
                long hourStart = Integer.toUnsignedLong(in.getInt());
                int flagBits = in.get() & 0xFF;
                int missing = in.getShort() & 0xFFFF;
                int presence = in.get() & 0xFF;
                if ((flagBits & ~HourlyFlag.KNOWN_BITS) != 0) {
                    throw PayloadException.outOfRange(String.format("hourly flags 0x%02X use reserved bits", flagBits));
                }
                if ((presence >>> 4) != 0) {
                    throw PayloadException.outOfRange(String.format("hourly presence bits 0x%02X name no energy register", presence));
                }
                Set<HourlyFlag> flags = EnumSet.noneOf(HourlyFlag.class);
                for (HourlyFlag f : HourlyFlag.values()) {
                    if ((flagBits & (1 << f.bit())) != 0) {
                        flags.add(f);
                    }
                }
                Map<Measurement, Long> registers = new EnumMap<>(Measurement.class);
                for (int i = 0; i < 4; i++) {
                    if ((presence & (1 << i)) != 0) {
                        registers.put(Measurement.values()[FIRST_ENERGY_ORDINAL + i], in.getLong());
                    }
                }
                yield new HourlyPayload(sequence, hourStart, meterId, flags, missing, registers);
            }
            case POWER_FAIL -> {
                long signalAt = in.getLong();
                PowerFailReason reason = PowerFailReason.ofCode(in.get() & 0xFF);
                int count = in.getShort() & 0xFFFF;
                List<PowerFailPayload.VoltageSample> samples = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long time = in.getLong();
                    int presence = in.get() & 0xFF;
                    if ((presence >>> 3) != 0) {
                        throw PayloadException.outOfRange(String.format("voltage presence bits 0x%02X name no voltage", presence));
                    }
                    Map<Measurement, Float> voltages = new EnumMap<>(Measurement.class);
                    for (int v = 0; v < 3; v++) {
                        if ((presence & (1 << v)) != 0) {
                            voltages.put(PowerFailPayload.VOLTAGES.get(v), in.getFloat());
                        }
                    }
                    samples.add(new PowerFailPayload.VoltageSample(time, voltages));
                }
                yield new PowerFailPayload(sequence, signalAt, reason, meterId, samples);
            }
        };
    }

    private static PayloadException wrongLength(String message) {
        return new PayloadException(PayloadRejectReason.WRONG_LENGTH, message);
    }
}
