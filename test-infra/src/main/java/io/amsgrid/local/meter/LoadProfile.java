package io.amsgrid.local.meter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A deterministic household load and voltage profile: what one simulated meter measures at any
 * instant. Same seed and instant give the same values, so a run can be replayed and checked.
 *
 * <p>Load has the daily shape grid engineers know (low at night, a morning and an evening peak);
 * the voltage falls as the local load on the transformer rises, so it is highest at night and
 * lowest in the peaks, as the thesis's measurements show (chapter 6).
 */
public final class LoadProfile {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final long seed;
    private final double baseLoadW;
    private final double peakLoadW;
    private final double nominalVoltageV;
    private final double pvPeakW;

    /**
     * @param seed            makes meters differ; the same seed gives the same profile
     * @param baseLoadW       night-time load
     * @param peakLoadW       load at the evening peak
     * @param nominalVoltageV nominal phase voltage (230 V)
     * @param pvPeakW         solar export at noon; 0 for a meter without PV
     */
    public LoadProfile(long seed, double baseLoadW, double peakLoadW, double nominalVoltageV, double pvPeakW) {
        this.seed = seed;
        this.baseLoadW = baseLoadW;
        this.peakLoadW = peakLoadW;
        this.nominalVoltageV = nominalVoltageV;
        this.pvPeakW = pvPeakW;
    }

    /** A typical household for meter number {@code index}: loads and PV vary with the index. */
    public static LoadProfile household(int index) {
        long seed = 0x9E3779B97F4A7C15L * (index + 1);
        double base = 300 + (index * 37 % 400);
        double peak = 3000 + (index * 211 % 4000);
        double pv = index % 5 == 4 ? 4000 : 0;
        return new LoadProfile(seed, base, peak, 230.0, pv);
    }

    /** The daily load shape, 0..1, at local time {@code hourOfDay} (fractional hours). */
    static double dailyShape(double hourOfDay) {
        double morning = Math.exp(-Math.pow((hourOfDay - 7.5) / 1.2, 2));
        double evening = Math.exp(-Math.pow((hourOfDay - 18.5) / 2.0, 2));
        double day = 0.25 * Math.exp(-Math.pow((hourOfDay - 13) / 3.5, 2));
        return Math.min(1.0, 0.8 * morning + evening + day);
    }

    private static double hourOfDay(Instant t) {
        ZonedDateTime z = t.atZone(OSLO);
        return z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
    }

    /** Deterministic noise in [-1, 1] for this meter, a channel and a time slot. */
    private double noise(int channel, long slot) {
        long x = seed ^ (channel * 0xBF58476D1CE4E5B9L) ^ (slot * 0x94D049BB133111EBL);
        x ^= x >>> 31;
        x *= 0x7FB5D5A5B6B3C4E5L;
        x ^= x >>> 29;
        return (x >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    /** Net active power at {@code t}: positive = import, negative = export (PV). */
    public double netActivePowerW(Instant t) {
        double h = hourOfDay(t);
        double load = baseLoadW + (peakLoadW - baseLoadW) * dailyShape(h);
        load *= 1 + 0.15 * noise(1, t.getEpochSecond() / 2);
        double sun = Math.max(0, Math.cos((h - 13) / 12 * 2 * Math.PI) - 0.3) / 0.7;
        return load - pvPeakW * sun;
    }

    public double reactivePowerVar(Instant t) {
        return Math.abs(netActivePowerW(t)) * 0.2;
    }

    /** Phase voltage of phase {@code phase} (1..3). */
    public double voltageV(Instant t, int phase) {
        double h = hourOfDay(t);
        double drop = 9.0 * dailyShape(h);
        double phaseOffset = (phase - 2) * 0.8;
        return nominalVoltageV + 6.0 - drop + phaseOffset + 0.6 * noise(10 + phase, t.getEpochSecond() / 10);
    }

    /** Current of phase {@code phase}, from the power shared over {@code phases} phases. */
    public double currentA(Instant t, int phase, int phases) {
        double p = Math.abs(netActivePowerW(t)) / phases;
        double share = 1 + 0.2 * noise(20 + phase, t.getEpochSecond() / 10);
        return p * share / voltageV(t, phase);
    }
}
