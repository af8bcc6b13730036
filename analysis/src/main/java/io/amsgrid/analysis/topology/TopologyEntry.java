package io.amsgrid.analysis.topology;

import io.amsgrid.analysis.unbalance.VoltageKind;

/**
 * One meter in the grid operator's records: its transformer (secondary substation), the feeder
 * (radial) out of it, and its position along the radial (1 = nearest the transformer).
 */
public record TopologyEntry(String transformer, String feeder, int position, String meterId, VoltageKind voltages) {

    public TopologyEntry {
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more (1 = nearest the transformer), was "
                    + position + " for meter " + meterId);
        }
    }

    /** The radial's key: transformer and feeder. */
    public String radialKey() {
        return transformer + "/" + feeder;
    }
}
