package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.unbalance.VoltageKind;

import java.util.List;

/** The simulated network, with its true layout and electrical data (ohms per segment). */
public final class Grid {

    private Grid() {
    }

    /**
     * A customer: meter, connection (three-phase, or single-phase on {@code phase} 0..2), service
     * cable impedance, load size, PV size.
     */
    public record Customer(String meterId, boolean threePhase, int phase, double serviceROhm, double serviceXOhm,
                           double baseLoadKw, double pvPeakKw) {
    }

    /**
     * A radial: segment i runs from node i-1 (node 0 = transformer busbar) to node i, where
     * customer i is connected. A high-impedance fault adds {@code faultROhm} on phase
     * {@code faultPhase} of segment {@code faultSegment} (-1 = none).
     */
    public record Radial(String id, double[] segmentROhm, double[] segmentXOhm, List<Customer> customers,
                         int faultSegment, int faultPhase, double faultROhm) {
    }

    /** A secondary substation: no-load voltage setting, leakage impedance, radials. */
    public record Transformer(String id, VoltageKind meterVoltages, double noLoadV, double rOhm, double xOhm,
                              List<Radial> radials) {
    }
}
