package io.amsgrid.analysis.sim;

import java.util.List;

/**
 * What the simulator really built and which errors it put into the topology file: the answer the
 * analysis is scored against ({@code truth.json}).
 */
public record GroundTruth(long seed, List<TrueMeter> meters, List<TrueSegment> segments,
                          HighImpedanceFault highImpedanceFault, List<WrongTransformer> wrongTransformer,
                          List<WrongOrder> wrongOrder) {

    /** A meter's true place and connection. */
    public record TrueMeter(String meterId, String transformer, String feeder, int position, boolean threePhase,
                            String connectedPhase, double pvPeakKw, double baseLoadKw, String voltages,
                            double serviceROhm, double serviceXOhm) {
    }

    /** A cable segment from position-1 to position on a radial. */
    public record TrueSegment(String transformer, String feeder, int toPosition, double rOhm, double xOhm) {
    }

    /**
     * A high-resistance joint on {@code phase} in the segment just upstream of {@code position}: the
     * meters at {@code position} and beyond on that radial are downstream of it.
     */
    public record HighImpedanceFault(String transformer, String feeder, int position, String phase, double extraROhm,
                                     List<String> downstreamMeters, List<String> downstreamThreePhaseMeters) {
    }

    /** A meter the topology file puts on {@code recordedTransformer}; it is really on {@code trueTransformer}. */
    public record WrongTransformer(String meterId, String trueTransformer, String recordedTransformer) {
    }

    /** Two meters on one radial whose positions the topology file swaps. */
    public record WrongOrder(String radial, String meterA, String meterB, int truePositionA, int truePositionB) {
    }
}
