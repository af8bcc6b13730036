package io.amsgrid.codec.payload;

/** Range checks shared by the payload records. */
final class PayloadChecks {
    static final long U32_MAX = 0xFFFF_FFFFL;
    static final int METER_ID_MAX_LENGTH = 32;

    private PayloadChecks() {
    }

    static long u32(String field, long value) {
        if (value < 0 || value > U32_MAX) {
            throw PayloadException.outOfRange(field + " must be 0.." + U32_MAX + ", was " + value);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw PayloadException.outOfRange(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static float finite(String field, float value) {
        if (!Float.isFinite(value)) {
            throw PayloadException.outOfRange(field + " must be a finite number, was " + value);
        }
        return value;
    }

    /** Empty becomes {@code null}; otherwise 1-32 printable ASCII characters. */
    static String meterId(String meterId) {
        if (meterId == null || meterId.isEmpty()) {
            return null;
        }
        if (meterId.length() > METER_ID_MAX_LENGTH) {
            throw PayloadException.outOfRange("meterId longer than " + METER_ID_MAX_LENGTH + " characters");
        }
        for (int i = 0; i < meterId.length(); i++) {
            char c = meterId.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw PayloadException.outOfRange("meterId must be printable ASCII, has code " + (int) c);
            }
        }
        return meterId;
    }
}
