package io.amsgrid.lambdas.store;

import java.math.BigDecimal;

/**
 * Fixed, locale-free number text for DynamoDB numbers and CSV cells: the shortest decimal that
 * reads back to the same float32, in plain notation (no exponent), without trailing zeros.
 * {@code 230.1f -> "230.1"}, {@code 1500f -> "1500"}, {@code 1e-5f -> "0.00001"}.
 */
public final class Decimals {
    private Decimals() {
    }

    public static String of(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0f) {
            return "0";
        }
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** UNIX milliseconds as UNIX seconds: {@code 1700000000000 -> "1700000000"}, {@code 1700000000250 -> "1700000000.25"}. */
    public static String secondsOfMillis(long epochMs) {
        return BigDecimal.valueOf(epochMs, 3).stripTrailingZeros().toPlainString();
    }
}
