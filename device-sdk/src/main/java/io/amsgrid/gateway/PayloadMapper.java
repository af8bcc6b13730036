package io.amsgrid.gateway;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.HourlyFlag;
import io.amsgrid.codec.payload.HourlyPayload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import io.amsgrid.gateway.aggregate.AggregateWindow;
import io.amsgrid.gateway.aggregate.HourlyEnergy;
import io.amsgrid.gateway.powerfail.PowerFailJournal;
import io.amsgrid.gateway.powerfail.VoltageSample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's records as the payload format of {@code docs/payloads.md} (firmware-bridge):
 * the payload's {@code sequence} is the outbox sequence number, modulo 2^32.
 */
public final class PayloadMapper {
    private PayloadMapper() {
    }

    static long sequence(long outboxSeq) {
        return outboxSeq & 0xFFFF_FFFFL;
    }

    /** The aggregate payload of a window, or empty if the window has no instantaneous value. */
    public static Optional<AggregatePayload> aggregate(AggregateWindow w, long seq) {
        if (w.stats().isEmpty()) {
            return Optional.empty();
        }
        Map<Measurement, AggregatePayload.Stats> m = new EnumMap<>(Measurement.class);
        w.stats().forEach((k, s) -> m.put(k, new AggregatePayload.Stats((float) s.avg(), (float) s.min(),
                (float) s.max(), Math.min(s.count(), 0xFFFF))));
        return Optional.of(new AggregatePayload(sequence(seq), w.start().getEpochSecond(), w.intervalMinutes(),
                w.meterId(), m));
    }

    /**
     * The hourly payload. Flags: {@code GAP} with the missing hours; {@code REPEATED} for a hour sent
     * again; an hour earlier than one already sent (meter clock set back) is flagged
     * {@code CLOCK_INVALID}, as is a list without a valid meter clock.
     */
    public static Optional<HourlyPayload> hourly(HourlyEnergy h, long seq) {
        if (h.registers().isEmpty()) {
            return Optional.empty();
        }
        Set<HourlyFlag> flags = EnumSet.noneOf(HourlyFlag.class);
        switch (h.flag()) {
            case GAP -> flags.add(HourlyFlag.GAP);
            case REPEAT -> flags.add(HourlyFlag.REPEATED);
            case OUT_OF_ORDER -> flags.add(HourlyFlag.CLOCK_INVALID);
            case OK, FIRST -> {
            }
        }
        if (h.meterTime() == null) {
            flags.add(HourlyFlag.CLOCK_INVALID);
        }
        Map<Measurement, Long> regs = new EnumMap<>(Measurement.class);
        h.registers().forEach((k, v) -> regs.put(k, Math.round(v)));
        return Optional.of(new HourlyPayload(sequence(seq), h.hour().getEpochSecond(), h.meterId(), flags,
                h.flag() == io.amsgrid.gateway.aggregate.HourFlag.GAP ? Math.min(h.missingHours(), 0xFFFF) : 0, regs));
    }

    /** One power-fail payload per journaled event. */
    public static PowerFailPayload powerFail(PowerFailJournal.Event e, long seq) {
        List<PowerFailPayload.VoltageSample> samples = new ArrayList<>();
        for (VoltageSample s : e.samples()) {
            Map<Measurement, Float> v = new EnumMap<>(Measurement.class);
            put(v, Measurement.VOLTAGE_L1_V, s.voltageL1V());
            put(v, Measurement.VOLTAGE_L2_V, s.voltageL2V());
            put(v, Measurement.VOLTAGE_L3_V, s.voltageL3V());
            if (!v.isEmpty()) {
                samples.add(new PowerFailPayload.VoltageSample(s.time().toEpochMilli(), v));
            }
        }
        int keep = Math.min(samples.size(), PowerFailPayload.MAX_SAMPLES);
        return new PowerFailPayload(sequence(seq), e.signalAt().toEpochMilli(), e.reason(), null,
                samples.subList(samples.size() - keep, samples.size()));
    }

    private static void put(Map<Measurement, Float> m, Measurement k, float v) {
        if (!Float.isNaN(v)) {
            m.put(k, v);
        }
    }

    /** For the journal: the reason byte. */
    static PowerFailReason reasonOf(int code) {
        for (PowerFailReason r : PowerFailReason.values()) {
            if (r.code() == code) {
                return r;
            }
        }
        return PowerFailReason.GPIO;
    }
}
