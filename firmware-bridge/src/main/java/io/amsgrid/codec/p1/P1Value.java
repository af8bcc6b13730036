package io.amsgrid.codec.p1;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One parenthesised value of a P1 line, literal as written: {@code (001234.567*kWh)} gives
 * text {@code "001234.567"} and unit {@code "kWh"}; {@code (0-0:96.7.19)} gives that text and no unit.
 *
 * @param text the characters before '*' (or all of them), leading zeros and case kept
 * @param unit the characters after '*', or null when the value has no unit
 */
public record P1Value(String text, String unit) {

    public boolean hasUnit() {
        return unit != null;
    }

    /** The text as a number, when it is one (timestamps such as {@code 170102192002W} are not). */
    public Optional<BigDecimal> decimal() {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && c == '-')) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return unit == null ? "(" + text + ")" : "(" + text + "*" + unit + ")";
    }
}
