package io.amsgrid.codec.meter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Numbers of A-XDR primitives read in place ({@code tag} = the type tag, {@code o} = the offset
 * of the content), as {@link ListDecoder} gives them. Shared by {@link PlainListReader} and
 * {@link ListPlan}.
 */
final class AxdrNumbers {
    static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final int FLOAT32 = 0x17;
    static final int FLOAT64 = 0x18;
    static final int LONG64_UNSIGNED = 0x15;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    private AxdrNumbers() {
    }

    /** The number as sent: a Long, or a Double for floats and long64-unsigned above 2^63 (ListDecoder.toValue). */
    static Object raw(byte[] b, int tag, int o) {
        if (tag == FLOAT32 || tag == FLOAT64) {
            return floatValue(b, tag, o);
        }
        long v = longValue(b, tag, o);
        return tag == LONG64_UNSIGNED && v < 0 ? (Object) Double.valueOf(Long.toUnsignedString(v)) : (Object) v;
    }

    /** ((Number) ListDecoder.scale(raw, scaler)).doubleValue(), without boxing in the common cases. */
    static double scaledDouble(byte[] b, int tag, int o, int scaler) {
        if (tag != FLOAT32 && tag != FLOAT64 && tag != LONG64_UNSIGNED) {
            long l = longValue(b, tag, o);
            if (scaler == 0) {
                return l;
            }
            if (scaler > 0 && scaler < 10 && Math.abs(l) < Long.MAX_VALUE / 1_000_000_000L) {
                return (double) (l * POWERS_OF_TEN[scaler]);
            }
            if (scaler < 0 && scaler > -ListDecoder.POW10.length && Math.abs(l) < (1L << 53)) {
                return l / ListDecoder.POW10[-scaler];
            }
        }
        return ((Number) ListDecoder.scale(raw(b, tag, o), scaler)).doubleValue();
    }

    static long longValue(byte[] b, int tag, int o) {
        return switch (tag) {
            case 0x0F -> b[o];
            case 0x11, 0x16 -> b[o] & 0xFF;
            case 0x10 -> (short) SHORT_BE.get(b, o);
            case 0x12 -> (short) SHORT_BE.get(b, o) & 0xFFFF;
            case 0x05 -> (int) INT_BE.get(b, o);
            case 0x06 -> (int) INT_BE.get(b, o) & 0xFFFF_FFFFL;
            default -> (long) LONG_BE.get(b, o);
        };
    }

    static double floatValue(byte[] b, int tag, int o) {
        return tag == FLOAT32 ? Float.intBitsToFloat((int) INT_BE.get(b, o)) : Double.longBitsToDouble((long) LONG_BE.get(b, o));
    }
}
