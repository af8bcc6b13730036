package io.amsgrid.codec.dlms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads A-XDR encoded data (IEC 62056-6-2 clause 4.1.7 / the "Data" CHOICE) from a byte range.
 *
 * <p>Every malformed input ends in a {@link DlmsException}: a length that runs past the end is
 * {@link DlmsErrorReason#TRUNCATED}, an unknown tag {@link DlmsErrorReason#UNKNOWN_TAG}, and
 * nesting deeper than {@link #MAX_DEPTH} {@link DlmsErrorReason#TOO_DEEP}.
 */
public final class AxdrReader {
    /** Deepest nesting of arrays/structures accepted; real push lists use 3. */
    public static final int MAX_DEPTH = 16;
    /** Most elements accepted in one array/structure (a frame is at most a few kB). */
    private static final int MAX_ELEMENTS = 4096;

    private final byte[] buf;
    private int pos;
    private final int end;

    public AxdrReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("range outside the buffer");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public AxdrReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int readUnsignedByte() {
        need(1, "a byte");
        return buf[pos++] & 0xFF;
    }

    public int peekUnsignedByte() {
        need(1, "a byte");
        return buf[pos] & 0xFF;
    }

    public int readUnsigned16() {
        need(2, "a 16-bit value");
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long readUnsigned32() {
        need(4, "a 32-bit value");
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long readLong64() {
        need(8, "a 64-bit value");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    public byte[] readBytes(int n) {
        need(n, n + " bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n, n + " bytes");
        pos += n;
    }

    /** A-XDR length: one byte below 0x80, else 0x8N followed by N big-endian length bytes. */
    public int readLength() {
        int first = readUnsignedByte();
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n == 0 || n > 3) {
            throw new DlmsException(DlmsErrorReason.BAD_LENGTH,
                    "length field 0x" + Integer.toHexString(first) + " at offset " + (pos - 1) + " is not a valid A-XDR length");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | readUnsignedByte();
        }
        return len;
    }

    /** Reads one complete data value. */
    public DlmsData readData() {
        return readData(0);
    }

    private DlmsData readData(int depth) {
        int tagOffset = pos;
        int tag = readUnsignedByte();
        DlmsType type = DlmsType.ofTag(tag);
        if (type == null) {
            throw new DlmsException(DlmsErrorReason.UNKNOWN_TAG,
                    "unknown A-XDR type tag 0x" + hex2(tag) + " at offset " + tagOffset);
        }
        return switch (type) {
            case NULL_DATA -> DlmsData.Null.INSTANCE;
            case ARRAY, STRUCTURE -> readSequence(type, depth);
            case BOOLEAN -> new DlmsData.Bool(readUnsignedByte() != 0);
            case BIT_STRING -> {
                int bits = readLength();
                yield new DlmsData.Bytes(type, readBytes((bits + 7) / 8));
            }
            case DOUBLE_LONG -> new DlmsData.Int(type, (int) readUnsigned32());
            case DOUBLE_LONG_UNSIGNED -> new DlmsData.Int(type, readUnsigned32());
            case OCTET_STRING, BCD -> new DlmsData.Bytes(type, readBytes(readLength()));
            case VISIBLE_STRING -> new DlmsData.Text(type, new String(readBytes(readLength()), StandardCharsets.US_ASCII));
            case UTF8_STRING -> new DlmsData.Text(type, new String(readBytes(readLength()), StandardCharsets.UTF_8));
            case INTEGER -> new DlmsData.Int(type, (byte) readUnsignedByte());
            case LONG -> new DlmsData.Int(type, (short) readUnsigned16());
            case UNSIGNED, ENUM -> new DlmsData.Int(type, readUnsignedByte());
            case LONG_UNSIGNED -> new DlmsData.Int(type, readUnsigned16());
            case LONG64, LONG64_UNSIGNED -> new DlmsData.Int(type, readLong64());
            case FLOAT32 -> new DlmsData.Float(type, java.lang.Float.intBitsToFloat((int) readUnsigned32()));
            case FLOAT64 -> new DlmsData.Float(type, Double.longBitsToDouble(readLong64()));
            case DATE_TIME -> new DlmsData.Bytes(type, readBytes(12));
            case DATE -> new DlmsData.Bytes(type, readBytes(5));
            case TIME -> new DlmsData.Bytes(type, readBytes(4));
            case COMPACT_ARRAY -> throw new DlmsException(DlmsErrorReason.UNKNOWN_TAG,
                    "compact-array (0x13) at offset " + tagOffset + " is not supported");
        };
    }

    private DlmsData readSequence(DlmsType type, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new DlmsException(DlmsErrorReason.TOO_DEEP,
                    "data nested deeper than " + MAX_DEPTH + " levels at offset " + (pos - 1));
        }
        int count = readLength();
        if (count > MAX_ELEMENTS || count > remaining()) {
            throw new DlmsException(count > remaining() ? DlmsErrorReason.TRUNCATED : DlmsErrorReason.BAD_LENGTH,
                    type.specName() + " of " + count + " elements at offset " + (pos - 1)
                            + " cannot fit in the " + remaining() + " bytes left");
        }
        List<DlmsData> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readData(depth + 1));
        }
        return new DlmsData.Sequence(type, java.util.Collections.unmodifiableList(items));
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new DlmsException(DlmsErrorReason.TRUNCATED,
                    "payload ends at offset " + end + " while reading " + what + " at offset " + pos);
        }
    }

    static String hex2(int b) {
        String s = Integer.toHexString(b & 0xFF).toUpperCase();
        return s.length() == 1 ? "0" + s : s;
    }
}
