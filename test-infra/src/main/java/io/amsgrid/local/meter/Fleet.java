package io.amsgrid.local.meter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mixed fleet of simulated meters: vendors in turn (Kaifa, Kamstrup, Aidon), three-phase and
 * single-phase alternating per vendor round, so that any fleet of three or more meters covers
 * all three vendors and six meters cover every vendor in both phase kinds.
 */
public final class Fleet {
    private Fleet() {
    }

    /** The vendor of fleet meter {@code index}. */
    public static MeterVendor vendorOf(int index) {
        return MeterVendor.values()[index % 3];
    }

    /** The phase count of fleet meter {@code index}. */
    public static int phasesOf(int index) {
        return (index / 3) % 2 == 0 ? 3 : 1;
    }

    public static List<SimulatedMeter> of(int meters, Instant start) {
        if (meters < 1) {
            throw new IllegalArgumentException("a fleet needs at least one meter, not " + meters);
        }
        List<SimulatedMeter> fleet = new ArrayList<>(meters);
        for (int i = 0; i < meters; i++) {
            fleet.add(SimulatedMeter.ofFleet(vendorOf(i), phasesOf(i), i, start));
        }
        return fleet;
    }
}
