package io.amsgrid.analysis.sim;

import java.util.SplittableRandom;

/**
 * One customer's demand and PV, stepped every few seconds: a daily shape (low at night, morning
 * and evening peaks; Norwegian homes heat electrically, so night load is not zero), a slow random
 * factor, appliance switching (kettle, oven, heaters: 1-3 kW for minutes), and PV following a
 * clear-sky bell for late April at 60°N scaled by the day's cloudiness.
 */
final class CustomerLoad {

    private final Grid.Customer customer;
    private final SplittableRandom rng;
    private final double[] phaseShare = new double[3];
    private double slow;
    private double cloud;
    private final double[] eventKw = new double[3];
    private final int[] eventLeft = new int[3];

    CustomerLoad(Grid.Customer customer, SplittableRandom rng) {
        this.customer = customer;
        this.rng = rng;
        if (customer.threePhase()) {
            double a = 1 + 0.1 * rng.nextGaussian();
            double b = 1 + 0.1 * rng.nextGaussian();
            double c = 1 + 0.1 * rng.nextGaussian();
            double s = a + b + c;
            phaseShare[0] = a / s;
            phaseShare[1] = b / s;
            phaseShare[2] = c / s;
        } else {
            phaseShare[customer.phase()] = 1;
        }
    }

    /** Relative activity through the day: about 0.6 at night, peaks near 7:30 and 18:30. */
    static double activity(double hour) {
        return 0.6 + 1.0 * bump(hour, 7.5, 1.0) + 0.5 * bump(hour, 12.5, 2.5) + 1.3 * bump(hour, 18.5, 1.8);
    }

    private static double bump(double h, double centre, double width) {
        double d = h - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    /** PV output per kWp: sunrise 05:30, sunset 21:15 local, peak near 13:20. */
    static double clearSky(double hour) {
        if (hour <= 5.5 || hour >= 21.25) {
            return 0;
        }
        return Math.pow(Math.sin(Math.PI * (hour - 5.5) / 15.75), 1.5) * 0.8;
    }

    /** Starts a new day's weather. */
    void newDay() {
        cloud = 0.3 + 0.7 * rng.nextDouble();
    }

    /** Advances by {@code stepS} and writes net active (W, negative = export) and reactive power per phase. */
    void step(double hour, double stepS, double[] pW, double[] qVar) {
        double a = stepS / 1800.0;
        slow += -a * slow + Math.sqrt(2 * a) * 0.15 * rng.nextGaussian();
        double act = activity(hour);
        double baseKw = customer.baseLoadKw() * act * (1 + slow);
        if (rng.nextDouble() < 1.6 * act / 3600.0 * stepS) {
            int p = customer.threePhase() ? rng.nextInt(3) : customer.phase();
            eventKw[p] += 1 + 2 * rng.nextDouble();
            eventLeft[p] = Math.max(eventLeft[p], (int) Math.ceil(-Math.log(1 - rng.nextDouble()) * 480 / stepS));
        }
        double pvKw = customer.pvPeakKw() * clearSky(hour) * cloud * (0.85 + 0.15 * rng.nextDouble());
        for (int p = 0; p < 3; p++) {
            double loadKw = Math.max(0, baseKw) * phaseShare[p] + eventKw[p];
            if (eventLeft[p] > 0 && --eventLeft[p] == 0) {
                eventKw[p] = 0;
            }
            double pvPhaseKw = pvKw * phaseShare[p];
            pW[p] = (loadKw - pvPhaseKw) * 1000;
            qVar[p] = loadKw * 250;
        }
    }
}
