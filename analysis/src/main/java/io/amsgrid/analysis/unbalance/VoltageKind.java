package io.amsgrid.analysis.unbalance;

/**
 * What a three-phase meter's three voltages are. HAN meters on TN grids report phase-to-neutral
 * magnitudes; on Norwegian IT grids (no neutral) they report line-to-line magnitudes, and some
 * meters label which. The CSV does not say, so the topology file (or a command option) does.
 */
public enum VoltageKind {
    /** L1-N, L2-N, L3-N (TN grids). Unbalance by the max-deviation approximation. */
    PHASE_TO_NEUTRAL,
    /** L1-L2, L2-L3, L3-L1 (IT grids). Unbalance exact from magnitudes (thesis eq. 2.3-2.4). */
    LINE_TO_LINE;

    /** Parses {@code phase}/{@code tn}/{@code line}/{@code it} (case-insensitive). */
    public static VoltageKind parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "phase", "tn", "phase_to_neutral", "ln" -> PHASE_TO_NEUTRAL;
            case "line", "it", "line_to_line", "ll" -> LINE_TO_LINE;
            default -> throw new IllegalArgumentException(
                    "unknown voltage kind '" + s + "' (use phase (TN grid) or line (IT grid))");
        };
    }
}
