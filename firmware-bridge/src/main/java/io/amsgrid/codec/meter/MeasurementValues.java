package io.amsgrid.codec.meter;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable {@code Map<Measurement, Double>} stored as 14 doubles and a presence mask: what
 * the lean path ({@link PlainListReader}) hands to {@link MeterReading} instead of an EnumMap of
 * boxed Doubles. Iterates in {@link Measurement} order like an EnumMap and equals any map with the
 * same entries; a Double is boxed only when a caller asks for one ({@link MeterReading#get} does not).
 */
final class MeasurementValues extends AbstractMap<Measurement, Double> {
    private static final Measurement[] ALL = Measurement.values();

    static {
        if (ALL.length > Integer.SIZE - 1) {
            throw new ExceptionInInitializerError("the presence mask holds 31 measurements, there are " + ALL.length);
        }
    }
    private final double[] values;
    private final int present;

    /** Takes {@code values} (indexed by ordinal; not copied, so hand over a fresh array). */
    MeasurementValues(double[] values, int present) {
        this.values = values;
        this.present = present;
    }

    boolean has(Measurement m) {
        return (present & (1 << m.ordinal())) != 0;
    }

    /** The value; only when {@link #has}. */
    double value(Measurement m) {
        return values[m.ordinal()];
    }

    @Override
    public int size() {
        return Integer.bitCount(present);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Measurement m && has(m);
    }

    @Override
    public Double get(Object key) {
        return key instanceof Measurement m && has(m) ? values[m.ordinal()] : null;
    }

    @Override
    public void forEach(BiConsumer<? super Measurement, ? super Double> action) {
        for (int bits = present; bits != 0; bits &= bits - 1) {
            int i = Integer.numberOfTrailingZeros(bits);
            action.accept(ALL[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<Measurement, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return MeasurementValues.this.size();
            }

            @Override
            public Iterator<Map.Entry<Measurement, Double>> iterator() {
                return new Iterator<>() {
                    private int bits = present;

                    @Override
                    public boolean hasNext() {
                        return bits != 0;
                    }

                    @Override
                    public Map.Entry<Measurement, Double> next() {
                        if (bits == 0) {
                            throw new NoSuchElementException();
                        }
                        int i = Integer.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        return new SimpleImmutableEntry<>(ALL[i], values[i]);
                    }
                };
            }
        };
    }
}
