package io.amsgrid.analysis.topology;

/** A disagreement between the topology file and the measurements, with its evidence. */
public sealed interface TopologyFinding {

    String meterId();

    /** One line a grid engineer can read. */
    String evidence();

    /**
     * The meter's voltage fluctuations follow another transformer's group better than its recorded
     * one: correlation with each group's mean fluctuation (the meter itself left out).
     */
    record WrongTransformer(String meterId, String recordedTransformer, String likelyTransformer, double rRecorded,
                            double rLikely, int n, double pValue) implements TopologyFinding {
        @Override
        public String evidence() {
            return String.format(java.util.Locale.ROOT,
                    "r with %s's group %.2f, with %s's group %.2f (n=%d, p=%.1e); likely on %s",
                    recordedTransformer, rRecorded, likelyTransformer, rLikely, n, pValue, likelyTransformer);
        }
    }

    /**
     * At low load the meter's voltage does not fall where its recorded position says: it is
     * higher than a meter recorded nearer the transformer (or lower than one recorded further out).
     */
    record OutOfOrder(String meterId, String radial, int recordedPosition, int voltagePosition, double offsetV,
                      String versusMeter, double medianDifferenceV, double fractionOfWindows, int windows)
            implements TopologyFinding {
        @Override
        public String evidence() {
            return String.format(java.util.Locale.ROOT,
                    "recorded position %d, voltage says %d; vs %s: median %+.2f V the wrong way in %.0f %% of %d "
                            + "low-load windows (offset from radial mean %+.2f V)",
                    recordedPosition, voltagePosition, versusMeter, medianDifferenceV, fractionOfWindows * 100,
                    windows, offsetV);
        }
    }

    /** A radial whose order could not be checked (too few meters or windows without export). */
    record NotCheckable(String meterId, String radial, String reason) implements TopologyFinding {
        @Override
        public String evidence() {
            return reason;
        }
    }
}
