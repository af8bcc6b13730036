package io.amsgrid.codec.p1;

import io.amsgrid.codec.obis.ObisCode;

import java.util.List;
import java.util.Optional;

/**
 * One data line of a P1 telegram: the code as written and its values in order. Most lines have one
 * value; gas readings {@code 0-1:24.2.1(ts)(value*m3)}, the power-failure log
 * {@code 1-0:99.97.0(n)(0-0:96.7.19)(ts)(dur*s)...} and peak histories have several.
 *
 * @param code   the code as written, e.g. {@code "1-0:1.8.1"}
 * @param values the parenthesised values in order (at least one; {@code ()} gives an empty text)
 */
public record P1Line(String code, List<P1Value> values) {
    public P1Line {
        values = List.copyOf(values);
    }

    /** The first (for most lines the only) value. */
    public P1Value value() {
        return values.get(0);
    }

    public boolean multiValue() {
        return values.size() > 1;
    }

    /** The code as an OBIS code, when it parses as one. */
    public Optional<ObisCode> obis() {
        try {
            return Optional.of(ObisCode.parse(code));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code);
        values.forEach(sb::append);
        return sb.toString();
    }
}
