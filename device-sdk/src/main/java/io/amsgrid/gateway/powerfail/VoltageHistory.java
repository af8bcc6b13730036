package io.amsgrid.gateway.powerfail;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/** The most recent phase voltages (default the last 90 s), kept in memory for the journal. */
public final class VoltageHistory {
    private final Duration span;
    private final ArrayDeque<VoltageSample> samples = new ArrayDeque<>();

    public VoltageHistory(Duration span) {
        this.span = span;
    }

    /** Records the voltages of a list if it carries any; older samples beyond the span are dropped. */
    public synchronized void accept(MeterReading reading, Instant at) {
        if (!reading.values().containsKey(Measurement.VOLTAGE_L1_V)) {
            return;
        }
        samples.addLast(new VoltageSample(at, value(reading, Measurement.VOLTAGE_L1_V),
                value(reading, Measurement.VOLTAGE_L2_V), value(reading, Measurement.VOLTAGE_L3_V)));
        Instant oldest = at.minus(span);
        while (samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    private static float value(MeterReading r, Measurement m) {
        Double v = r.values().get(m);
        return v == null ? Float.NaN : v.floatValue();
    }

    /** The samples within the span, oldest first. */
    public synchronized List<VoltageSample> snapshot() {
        return List.copyOf(samples);
    }
}
