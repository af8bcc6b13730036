package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import io.amsgrid.codec.obis.ObisCode;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * A reusable, mutable {@link MeterReading}: what the lean hot path fills in place, without
 * allocating, for a caller that keeps one per thread ({@code HanDecoder.readFrame}).
 *
 * <p>It holds the same content as a {@link MeterReading} in primitive form: the 14
 * {@link Measurement}s as doubles with a presence mask (absent stays absent: {@link #has} is
 * false and {@link #value} is NaN), the meter time as epoch seconds and nanoseconds, the meter
 * clock as its 12 COSEM bytes (formatted only when {@link #meterClock()} is asked for), and list
 * id, meter id and meter type as shared strings. Values outside the 14 measurements
 * ({@link #other()}) are rare in HAN lists; they are the only part that allocates.
 *
 * <p>The content is valid until the next fill; {@link #toReading()} gives the immutable
 * {@link MeterReading}, equal to what the full decoder gives for the same frame. Not thread-safe:
 * one buffer per thread.
 */
public final class MeterReadingBuffer {
    private static final Measurement[] ALL = Measurement.values();

    private final double[] values = new double[ALL.length];
    private final byte[] clockBytes = new byte[CosemDateTime.LENGTH];
    private int present;
    private String meterId;
    private String meterType;
    private String listId;
    private boolean hasClock;
    private boolean hasTime;
    private long epochSecond;
    private int nanoOfSecond;
    private Map<ObisCode, MeterReading.Quantity> other = Map.of();
    /** The lean path's scratch space, one per buffer (so per thread, without a ThreadLocal look-up). */
    private PlainListReader reader;
    /** Set when the full decoder produced the reading (encryption, block transfer, unusual shapes). */
    private MeterReading full;

    /** The meter's serial / GS1 number, or null when the list does not carry it. */
    public String meterId() {
        return meterId;
    }

    /** The meter type, or null. */
    public String meterType() {
        return meterType;
    }

    /** The list version identifier (e.g. {@code Kamstrup_V0001}), or null. */
    public String listId() {
        return listId;
    }

    /** True when the list carries {@code m}. */
    public boolean has(Measurement m) {
        return (present & (1 << m.ordinal())) != 0;
    }

    /** The value of {@code m} in its base unit (W, var, A, V, Wh, varh), or NaN when absent. */
    public double value(Measurement m) {
        return has(m) ? values[m.ordinal()] : Double.NaN;
    }

    /** The measurements present, bit {@code ordinal} set for each. */
    public int presentMask() {
        return present;
    }

    /** True when the reading has a meter time (see {@link MeterTimeRule}). */
    public boolean hasTime() {
        return hasTime;
    }

    /** The meter time in seconds since 1970-01-01T00:00Z; only when {@link #hasTime()}. */
    public long epochSecond() {
        return epochSecond;
    }

    /** The fraction of the meter time's second, in nanoseconds; only when {@link #hasTime()}. */
    public int nanoOfSecond() {
        return nanoOfSecond;
    }

    /** The meter time as an {@link Instant} (allocates), or null. */
    public Instant meterTime() {
        return hasTime ? Instant.ofEpochSecond(epochSecond, nanoOfSecond) : null;
    }

    /** The meter clock as sent, ISO-8601 as in {@link MeterReading#meterClock()} (formats on each call), or null. */
    public String meterClock() {
        if (full != null) {
            return full.meterClock();
        }
        return hasClock ? CosemDateTime.parse(clockBytes, 0).isoAsSent() : null;
    }

    /** Every other OBIS value with its unit, in frame order (as {@link MeterReading#other()}). */
    public Map<ObisCode, MeterReading.Quantity> other() {
        return other;
    }

    /** The immutable reading (allocates); equal to the full decoder's reading of the same frame. */
    public MeterReading toReading() {
        if (full != null) {
            return full;
        }
        return new MeterReading(meterId, meterType, listId, meterClock(), meterTime(),
                new MeasurementValues(Arrays.copyOf(values, values.length), present), other);
    }

    /** Empties the buffer (then it reads as a reading with nothing in it). */
    public void clear() {
        present = 0;
        meterId = null;
        meterType = null;
        listId = null;
        hasClock = false;
        hasTime = false;
        other = Map.of();
        full = null;
    }

    /** Takes a reading the full decoder made. */
    public void set(MeterReading reading) {
        clear();
        full = reading;
        meterId = reading.meterId();
        meterType = reading.meterType();
        listId = reading.listId();
        for (Measurement m : ALL) {
            var v = reading.get(m);
            if (v.isPresent()) {
                values[m.ordinal()] = v.getAsDouble();
                present |= 1 << m.ordinal();
            }
        }
        Instant t = reading.meterTime();
        if (t != null) {
            setTime(t.getEpochSecond(), t.getNano());
        }
        other = reading.other();
    }

    // the lean path's setters (PlainListReader)

    PlainListReader reader() {
        PlainListReader r = reader;
        if (r == null) {
            r = new PlainListReader();
            reader = r;
        }
        return r;
    }

    void setIdentity(String listId, String meterId, String meterType) {
        this.listId = listId;
        this.meterId = meterId;
        this.meterType = meterType;
    }

    void put(int ordinal, double value) {
        values[ordinal] = value;
        present |= 1 << ordinal;
    }

    boolean has(int ordinal) {
        return (present & (1 << ordinal)) != 0;
    }

    void setClock(byte[] b, int off) {
        System.arraycopy(b, off, clockBytes, 0, CosemDateTime.LENGTH);
        hasClock = true;
    }

    void setTime(long epochSecond, int nanoOfSecond) {
        this.epochSecond = epochSecond;
        this.nanoOfSecond = nanoOfSecond;
        hasTime = true;
    }

    void setOther(Map<ObisCode, MeterReading.Quantity> other) {
        this.other = other;
    }
}
