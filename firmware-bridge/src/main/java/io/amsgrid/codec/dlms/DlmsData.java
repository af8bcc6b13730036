package io.amsgrid.codec.dlms;

import java.util.HexFormat;
import java.util.List;

/**
 * One A-XDR data value (IEC 62056-6-2 "Data" CHOICE), as decoded from a frame.
 *
 * <p>Integers of every width (and enum) are {@link Int}; octet-, bit-string, bcd and the
 * date/time types keep their bytes ({@link Bytes}); visible and UTF-8 strings are {@link Text};
 * arrays and structures are {@link Sequence}.
 */
public sealed interface DlmsData {

    DlmsType type();

    /** null-data: Kamstrup pads absent phases with it. */
    record Null() implements DlmsData {
        public static final Null INSTANCE = new Null();

        @Override
        public DlmsType type() {
            return DlmsType.NULL_DATA;
        }
    }

    record Bool(boolean value) implements DlmsData {
        @Override
        public DlmsType type() {
            return DlmsType.BOOLEAN;
        }
    }

    /** Any integer type or enum; long64-unsigned keeps its 64 bits (read with {@link Long#toUnsignedString}). */
    record Int(DlmsType type, long value) implements DlmsData {
        /** The value as a decimal string, unsigned for long64-unsigned. */
        public String decimal() {
            return type == DlmsType.LONG64_UNSIGNED ? Long.toUnsignedString(value) : Long.toString(value);
        }
    }

    record Float(DlmsType type, double value) implements DlmsData {
    }

    /** octet-string, bit-string, bcd, date-time, date, time: the bytes as sent. */
    record Bytes(DlmsType type, byte[] bytes) implements DlmsData {
        public String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        /** The bytes as text when they are all printable ASCII, otherwise null. */
        public String printable() {
            if (bytes.length == 0) {
                return null;
            }
            for (byte b : bytes) {
                if (b < 0x20 || b > 0x7E) {
                    return null;
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return type.specName() + "[" + hex() + "]";
        }
    }

    /** visible-string or utf8-string. */
    record Text(DlmsType type, String text) implements DlmsData {
    }

    /** array or structure. */
    record Sequence(DlmsType type, List<DlmsData> items) implements DlmsData {
        public boolean isStructure() {
            return type == DlmsType.STRUCTURE;
        }

        public int size() {
            return items.size();
        }

        public DlmsData get(int i) {
            return items.get(i);
        }
    }
}
