package io.amsgrid.analysis.unbalance;

/**
 * Voltage unbalance factors from the voltage magnitudes a HAN port gives.
 *
 * <p>The definition (thesis eq. 2.2, IEC 61000-4-30): {@code VUF = |V2| / |V1| * 100 %}, the
 * negative- over the positive-sequence component. Magnitudes alone determine it exactly for line
 * voltages (line voltages have no zero-sequence part and close a triangle), thesis eq. 2.3-2.4:
 * <pre>
 *   beta = (Vab^4 + Vbc^4 + Vca^4) / (Vab^2 + Vbc^2 + Vca^2)^2
 *   VUF  = sqrt( (1 - sqrt(3 - 6 beta)) / (1 + sqrt(3 - 6 beta)) ) * 100 %
 * </pre>
 * For phase-to-neutral magnitudes the angles are unknown and a zero-sequence part may be present,
 * so no exact figure exists; {@link #phaseVoltageUnbalanceRate} is the NEMA MG-1 / IEEE 936
 * approximation: the largest deviation from the mean over the mean. For small unbalance from
 * magnitude differences alone it is close to the true VUF (for one phase low by d % it gives
 * 2/3 d %, the true value is 1/3 d % to 2/3 d % depending on zero sequence), so the same
 * threshold is applied to it with that caveat.
 */
public final class Unbalance {

    private Unbalance() {
    }

    /** Thesis eq. 2.3-2.4: exact VUF in percent from three line-to-line magnitudes. */
    public static double lineVoltageUnbalancePercent(double vab, double vbc, double vca) {
        if (Double.isNaN(vab) || Double.isNaN(vbc) || Double.isNaN(vca)) {
            return Double.NaN;
        }
        double s2 = vab * vab + vbc * vbc + vca * vca;
        if (s2 <= 0) {
            return Double.NaN;
        }
        double beta = (Math.pow(vab, 4) + Math.pow(vbc, 4) + Math.pow(vca, 4)) / (s2 * s2);
        // beta is 1/3 for a balanced set; magnitudes that cannot close a triangle give beta > 1/2
        double root = Math.sqrt(Math.max(0, 3 - 6 * beta));
        return Math.sqrt((1 - root) / (1 + root)) * 100;
    }

    /** PVUR (NEMA/IEEE): {@code max |Vi - mean| / mean * 100 %} of three magnitudes. */
    public static double phaseVoltageUnbalanceRate(double v1, double v2, double v3) {
        if (Double.isNaN(v1) || Double.isNaN(v2) || Double.isNaN(v3)) {
            return Double.NaN;
        }
        double mean = (v1 + v2 + v3) / 3;
        if (mean <= 0) {
            return Double.NaN;
        }
        double dev = Math.max(Math.abs(v1 - mean), Math.max(Math.abs(v2 - mean), Math.abs(v3 - mean)));
        return dev / mean * 100;
    }

    /** The factor for a meter's voltage kind. */
    public static double percent(VoltageKind kind, double v1, double v2, double v3) {
        return switch (kind) {
            case LINE_TO_LINE -> lineVoltageUnbalancePercent(v1, v2, v3);
            case PHASE_TO_NEUTRAL -> phaseVoltageUnbalanceRate(v1, v2, v3);
        };
    }

    /**
     * The true VUF from three phasors (real, imaginary parts) by symmetrical components
     * (thesis eq. 2.1-2.2): {@code V1 = (Va + a Vb + a^2 Vc)/3}, {@code V2 = (Va + a^2 Vb + a Vc)/3},
     * {@code a = e^{j120°}}. Used for ground truth and to check the magnitude-only formulas.
     */
    public static double symmetricalComponentsPercent(double[] re, double[] im) {
        double c = -0.5;
        double s = Math.sqrt(3) / 2;
        // a*V = (c re - s im, s re + c im); a^2*V = (c re + s im, -s re + c im)
        double p1re = re[0] + (c * re[1] - s * im[1]) + (c * re[2] + s * im[2]);
        double p1im = im[0] + (s * re[1] + c * im[1]) + (-s * re[2] + c * im[2]);
        double p2re = re[0] + (c * re[1] + s * im[1]) + (c * re[2] - s * im[2]);
        double p2im = im[0] + (-s * re[1] + c * im[1]) + (s * re[2] + c * im[2]);
        return Math.hypot(p2re, p2im) / Math.hypot(p1re, p1im) * 100;
    }
}
