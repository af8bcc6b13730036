package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The voltages recorded before a power failure (topic {@code pf/<thing>}): by default the last 90 s.
 *
 * @param sequence         gateway sequence number, 0 to 2^32-1
 * @param signalAtEpochMs  when the failure was signalled, UNIX milliseconds
 * @param reason           what signalled it
 * @param meterId          the meter's id, or {@code null}
 * @param samples          the recorded voltage samples, oldest first, at most {@value #MAX_SAMPLES}
 */
public record PowerFailPayload(
        long sequence,
        long signalAtEpochMs,
        PowerFailReason reason,
        String meterId,
        List<VoltageSample> samples) implements Payload {

    /** Upper bound on samples: 90 s at one sample per second is 90; this leaves room for longer windows. */
    public static final int MAX_SAMPLES = 4096;

    /** The voltage quantities a sample may carry. */
    public static final List<Measurement> VOLTAGES =
            List.of(Measurement.VOLTAGE_L1_V, Measurement.VOLTAGE_L2_V, Measurement.VOLTAGE_L3_V);

    /**
     * One voltage sample.
     *
     * @param timeEpochMs when the meter sent it, UNIX milliseconds
     * @param voltagesV   the present phase voltages (keys from {@link #VOLTAGES}), at least one
     */
    public record VoltageSample(long timeEpochMs, Map<Measurement, Float> voltagesV) {
        public VoltageSample {
            PayloadChecks.nonNegative("timeEpochMs", timeEpochMs);
            Objects.requireNonNull(voltagesV, "voltagesV");
            if (voltagesV.isEmpty()) {
                throw PayloadException.outOfRange("a voltage sample needs at least one voltage");
            }
            EnumMap<Measurement, Float> copy = new EnumMap<>(Measurement.class);
            voltagesV.forEach((m, v) -> {
                if (!VOLTAGES.contains(m)) {
                    throw PayloadException.outOfRange(m.fieldName() + " is not a voltage");
                }
                copy.put(m, PayloadChecks.finite(m.fieldName(), Objects.requireNonNull(v, m.fieldName())));
            });
            voltagesV = Collections.unmodifiableMap(copy);
        }
    }

    public PowerFailPayload {
        PayloadChecks.u32("sequence", sequence);
        PayloadChecks.nonNegative("signalAtEpochMs", signalAtEpochMs);
        Objects.requireNonNull(reason, "reason");
        meterId = PayloadChecks.meterId(meterId);
        samples = List.copyOf(samples);
        if (samples.size() > MAX_SAMPLES) {
            throw PayloadException.outOfRange("at most " + MAX_SAMPLES + " samples, got " + samples.size());
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.POWER_FAIL;
    }
}
