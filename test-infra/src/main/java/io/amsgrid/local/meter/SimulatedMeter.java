package io.amsgrid.local.meter;

import io.amsgrid.codec.meter.Measurement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated HAN meter: produces the real-format HDLC frames a Kaifa, Kamstrup or Aidon meter
 * pushes (List 1, 2 and 3 at the vendor's cadence), single- or three-phase, from a
 * {@link LoadProfile}. Every frame comes with the values it carries, quantized exactly as the
 * meter quantizes them, so tests can check the whole chain value for value.
 *
 * <p>Not thread-safe: the energy registers integrate the power from one push to the next, so
 * frames must be requested in time order ({@link #framesUntil(Instant)}).
 */
public final class SimulatedMeter {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** One pushed frame, when it was sent and what it carries. */
    public record Frame(Instant time, int list, byte[] bytes, Map<Measurement, Double> values) {
        public Frame {
            values = Collections.unmodifiableMap(new EnumMap<>(values));
        }
    }

    private final MeterVendor vendor;
    private final int phases;
    private final String meterId;
    private final LoadProfile profile;

    private Instant next1;
    private Instant next2;
    private Instant next3;
    private Instant lastIntegration;
    private double importWh;
    private double exportWh;
    private double reactiveImportVarh;
    private double reactiveExportVarh;

    /**
     * @param start the instant the simulation starts; the first pushes follow it at the vendor's
     *              cadence aligned to the wall clock
     */
    public SimulatedMeter(MeterVendor vendor, int phases, String meterId, LoadProfile profile, Instant start) {
        if (phases != 1 && phases != 3) {
            throw new IllegalArgumentException("phases must be 1 or 3, not " + phases);
        }
        this.vendor = vendor;
        this.phases = phases;
        this.meterId = meterId;
        this.profile = profile;
        this.next1 = vendor.list1Period() == null ? null : align(start, vendor.list1Period());
        this.next2 = align(start, vendor.list2Period());
        this.next3 = start.truncatedTo(ChronoUnit.HOURS).plus(vendor.list3Offset());
        if (next3.isBefore(start)) {
            next3 = next3.plus(Duration.ofHours(1));
        }
        this.lastIntegration = start;
        long s = Math.abs(meterId.hashCode());
        this.importWh = 1_000_000 + s % 50_000_000;
        this.exportWh = profile.netActivePowerW(start) < 0 ? 10_000 + s % 100_000 : 0;
        this.reactiveImportVarh = 100_000 + s % 1_000_000;
        this.reactiveExportVarh = 50_000 + s % 500_000;
    }

    /** A meter of {@code vendor} number {@code index} in a fleet, with a household profile. */
    public static SimulatedMeter ofFleet(MeterVendor vendor, int phases, int index, Instant start) {
        String id = switch (vendor) {
            case KAIFA -> String.format("69706314%08d", index);
            case KAMSTRUP -> String.format("57065672%08d", index);
            case AIDON -> String.format("73599928%08d", index);
        };
        return new SimulatedMeter(vendor, phases, id, LoadProfile.household(index), start);
    }

    private static Instant align(Instant t, Duration period) {
        long p = period.toMillis();
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli((ms + p - 1) / p * p);
    }

    public MeterVendor vendor() {
        return vendor;
    }

    public int phases() {
        return phases;
    }

    public String meterId() {
        return meterId;
    }

    /** All frames pushed after the previous call and up to (excluding) {@code end}, in time order. */
    public List<Frame> framesUntil(Instant end) {
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Instant t = earliest();
            if (!t.isBefore(end)) {
                return frames;
            }
            integrate(t);
            if (t.equals(next3)) {
                frames.add(list3(t));
                next3 = next3.plus(Duration.ofHours(1));
                // List 3 replaces the List 2 (and List 1) push due at the same instant.
                if (next2.equals(t)) {
                    next2 = next2.plus(vendor.list2Period());
                }
                if (next1 != null && next1.equals(t)) {
                    next1 = next1.plus(vendor.list1Period());
                }
            } else if (t.equals(next2)) {
                frames.add(list2(t));
                next2 = next2.plus(vendor.list2Period());
                if (next1 != null && next1.equals(t)) {
                    next1 = next1.plus(vendor.list1Period());
                }
            } else {
                frames.add(list1(t));
                next1 = next1.plus(vendor.list1Period());
            }
        }
    }

    private Instant earliest() {
        Instant t = next2.isBefore(next3) ? next2 : next3;
        return next1 != null && next1.isBefore(t) ? next1 : t;
    }

    private void integrate(Instant t) {
        double hours = Duration.between(lastIntegration, t).toMillis() / 3_600_000.0;
        double p = profile.netActivePowerW(t);
        double q = profile.reactivePowerVar(t);
        if (p >= 0) {
            importWh += p * hours;
            reactiveImportVarh += q * hours;
        } else {
            exportWh += -p * hours;
            reactiveExportVarh += q * hours;
        }
        lastIntegration = t;
    }

    private Map<Measurement, Double> instantaneous(Instant t) {
        Map<Measurement, Double> v = new EnumMap<>(Measurement.class);
        double p = profile.netActivePowerW(t);
        double q = profile.reactivePowerVar(t);
        v.put(Measurement.ACTIVE_IMPORT_W, (double) Math.round(Math.max(p, 0)));
        v.put(Measurement.ACTIVE_EXPORT_W, (double) Math.round(Math.max(-p, 0)));
        v.put(Measurement.REACTIVE_IMPORT_VAR, p >= 0 ? (double) Math.round(q) : 0.0);
        v.put(Measurement.REACTIVE_EXPORT_VAR, p < 0 ? (double) Math.round(q) : 0.0);
        Measurement[] currents = {Measurement.CURRENT_L1_A, Measurement.CURRENT_L2_A, Measurement.CURRENT_L3_A};
        Measurement[] voltages = {Measurement.VOLTAGE_L1_V, Measurement.VOLTAGE_L2_V, Measurement.VOLTAGE_L3_V};
        for (int phase = 1; phase <= phases; phase++) {
            v.put(currents[phase - 1], quantizeCurrent(profile.currentA(t, phase, phases)));
            v.put(voltages[phase - 1], quantizeVoltage(profile.voltageV(t, phase)));
        }
        return v;
    }

    private double quantizeCurrent(double a) {
        return switch (vendor) {
            case KAIFA -> Math.round(a * 1000) / 1000.0;
            case KAMSTRUP -> Math.round(a * 100) / 100.0;
            case AIDON -> Math.round(a * 10) / 10.0;
        };
    }

    private double quantizeVoltage(double v) {
        return switch (vendor) {
            case KAIFA, AIDON -> Math.round(v * 10) / 10.0;
            case KAMSTRUP -> (double) Math.round(v);
        };
    }

    private Map<Measurement, Double> energy() {
        long unit = vendor == MeterVendor.KAIFA ? 1 : 10;
        Map<Measurement, Double> v = new EnumMap<>(Measurement.class);
        v.put(Measurement.ACTIVE_IMPORT_WH, (double) ((long) importWh / unit * unit));
        v.put(Measurement.ACTIVE_EXPORT_WH, (double) ((long) exportWh / unit * unit));
        v.put(Measurement.REACTIVE_IMPORT_VARH, (double) ((long) reactiveImportVarh / unit * unit));
        v.put(Measurement.REACTIVE_EXPORT_VARH, (double) ((long) reactiveExportVarh / unit * unit));
        return v;
    }

    private Frame list1(Instant t) {
        Map<Measurement, Double> v = new EnumMap<>(Measurement.class);
        v.put(Measurement.ACTIVE_IMPORT_W, instantaneous(t).get(Measurement.ACTIVE_IMPORT_W));
        byte[] bytes = VendorLists.list1(this, t, v);
        return new Frame(t, 1, bytes, v);
    }

    private Frame list2(Instant t) {
        Map<Measurement, Double> v = instantaneous(t);
        return new Frame(t, 2, VendorLists.list2(this, t, v), v);
    }

    private Frame list3(Instant t) {
        Map<Measurement, Double> v = instantaneous(t);
        v.putAll(energy());
        Instant hour = t.truncatedTo(ChronoUnit.HOURS);
        return new Frame(t, 3, VendorLists.list3(this, t, hour, v), v);
    }

    /** The meter's local clock reading for {@code t}: Norwegian local time. */
    static LocalDateTime local(Instant t) {
        return t.atZone(OSLO).toLocalDateTime();
    }

    /** Clock status as the meters send it: {@code 0x80} while daylight saving time is in effect. */
    static int clockStatus(Instant t) {
        ZonedDateTime z = t.atZone(OSLO);
        return OSLO.getRules().isDaylightSavings(z.toInstant()) ? 0x80 : 0x00;
    }
}
