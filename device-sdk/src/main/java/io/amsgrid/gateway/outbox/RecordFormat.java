package io.amsgrid.gateway.outbox;

import io.amsgrid.rules.MessageKind;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The byte layout of one outbox record file (big-endian):
 *
 * <pre>
 * +-------+-----+------+---------+-------------+-------------+---------+--------+
 * | "AMO1"| ver | kind |  seq    | createdAtMs | payload len | payload | CRC32C |
 * |  4 B  | 1 B | 1 B  |  8 B    |    8 B      |    4 B      |  n B    |  4 B   |
 * +-------+-----+------+---------+-------------+-------------+---------+--------+
 * </pre>
 *
 * The CRC32C covers every byte before it, so a torn or truncated write is detected.
 */
final class RecordFormat {
    static final int MAGIC = 0x414D4F31; // "AMO1"
    static final byte VERSION = 1;
    static final int HEADER = 4 + 1 + 1 + 8 + 8 + 4;
    static final int TRAILER = 4;
    static final int MAX_PAYLOAD = 1 << 20;

    private RecordFormat() {
    }

    /** Why a record file was not accepted. */
    enum Defect { TOO_SHORT, BAD_MAGIC, BAD_VERSION, BAD_KIND, BAD_LENGTH, BAD_CRC }

    /** A parsed record, or the defect that made it unreadable. */
    record Parsed(long seq, MessageKind kind, Instant createdAt, byte[] payload, Defect defect) {
    }

    static byte[] encode(long seq, MessageKind kind, Instant createdAt, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        b.putInt(MAGIC).put(VERSION).put(kindCode(kind)).putLong(seq).putLong(createdAt.toEpochMilli())
                .putInt(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static Parsed decode(byte[] bytes) {
        if (bytes.length < HEADER + TRAILER) {
            return defect(Defect.TOO_SHORT);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC) {
            return defect(Defect.BAD_MAGIC);
        }
        if (b.get() != VERSION) {
            return defect(Defect.BAD_VERSION);
        }
        MessageKind kind = kindOf(b.get());
        if (kind == null) {
            return defect(Defect.BAD_KIND);
        }
        long seq = b.getLong();
        long createdMs = b.getLong();
        int len = b.getInt();
        if (len < 0 || len > MAX_PAYLOAD || bytes.length != HEADER + len + TRAILER) {
            return defect(Defect.BAD_LENGTH);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER + len);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, HEADER + len, 4).getInt()) {
            return defect(Defect.BAD_CRC);
        }
        byte[] payload = new byte[len];
        System.arraycopy(bytes, HEADER, payload, 0, len);
        return new Parsed(seq, kind, Instant.ofEpochMilli(createdMs), payload, null);
    }

    private static Parsed defect(Defect d) {
        return new Parsed(-1, null, null, null, d);
    }

    static byte kindCode(MessageKind kind) {
        return switch (kind) {
            case AVG -> 1;
            case HR -> 2;
            case PF -> 3;
            case RAW -> 4;
        };
    }

    static MessageKind kindOf(byte code) {
        return switch (code) {
            case 1 -> MessageKind.AVG;
            case 2 -> MessageKind.HR;
            case 3 -> MessageKind.PF;
            case 4 -> MessageKind.RAW;
            default -> null;
        };
    }
}
