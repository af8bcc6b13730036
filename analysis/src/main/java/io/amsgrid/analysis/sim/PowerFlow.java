package io.amsgrid.analysis.sim;

import java.util.List;

/**
 * A backward/forward sweep load flow for one transformer's radials, four-wire (three phases and a
 * neutral grounded at the transformer), phases without mutual coupling, constant-power loads.
 * The neutral carries the return of unbalanced load, so single-phase load shifts the neutral and
 * lowers the loaded phase's phase-to-neutral voltage along the radial, as on a real TN feeder.
 *
 * <p>Customer {@code c} is indexed over the radials in order; arrays are {@code [c][phase]}.
 */
final class PowerFlow {

    private static final int ITERATIONS = 3;
    private static final double SQRT3_2 = Math.sqrt(3) / 2;
    private static final double LOW_V2 = (0.85 * 230) * (0.85 * 230);

    private final Grid.Transformer transformer;
    private final int customers;
    /** Terminal phase-to-neutral voltage and phase current per customer and phase. */
    final double[][] vRe;
    final double[][] vIm;
    final double[][] iRe;
    final double[][] iIm;
    /** Terminal phase-to-ground voltage (for line-to-line readings). */
    final double[][] pgRe;
    final double[][] pgIm;
    private final double[][] segRe;
    private final double[][] segIm;

    PowerFlow(Grid.Transformer transformer) {
        this.transformer = transformer;
        this.customers = transformer.radials().stream().mapToInt(r -> r.customers().size()).sum();
        vRe = new double[customers][3];
        vIm = new double[customers][3];
        iRe = new double[customers][3];
        iIm = new double[customers][3];
        pgRe = new double[customers][3];
        pgIm = new double[customers][3];
        int longest = transformer.radials().stream().mapToInt(r -> r.customers().size()).max().orElse(0);
        segRe = new double[longest][3];
        segIm = new double[longest][3];
    }

    int customers() {
        return customers;
    }

    /** Solves for source phase voltage {@code sourceV} (magnitude) and loads {@code pW, qVar} per customer and phase. */
    void solve(double sourceV, double[][] pW, double[][] qVar) {
        double[] srcRe = {sourceV, -0.5 * sourceV, -0.5 * sourceV};
        double[] srcIm = {0, -SQRT3_2 * sourceV, SQRT3_2 * sourceV};
        for (int c = 0; c < customers; c++) {
            for (int p = 0; p < 3; p++) {
                if (vRe[c][p] == 0 && vIm[c][p] == 0) {
                    vRe[c][p] = srcRe[p];
                    vIm[c][p] = srcIm[p];
                }
            }
        }
        double[] nodePRe = new double[3];
        double[] nodePIm = new double[3];
        for (int it = 0; it < ITERATIONS; it++) {
            // load currents I = conj(S / V); below 85 % of nominal the load acts as a constant
            // impedance (appliances draw less, as real ones do) instead of collapsing the voltage
            for (int c = 0; c < customers; c++) {
                for (int p = 0; p < 3; p++) {
                    double vr = vRe[c][p];
                    double vi = vIm[c][p];
                    double d = vr * vr + vi * vi;
                    double scale = d < LOW_V2 ? d / LOW_V2 : 1;
                    iRe[c][p] = scale * (pW[c][p] * vr + qVar[c][p] * vi) / d;
                    iIm[c][p] = scale * (pW[c][p] * vi - qVar[c][p] * vr) / d;
                }
            }
            // transformer currents, then the busbar voltages
            double[] totRe = new double[3];
            double[] totIm = new double[3];
            for (int c = 0; c < customers; c++) {
                for (int p = 0; p < 3; p++) {
                    totRe[p] += iRe[c][p];
                    totIm[p] += iIm[c][p];
                }
            }
            double[] busRe = new double[3];
            double[] busIm = new double[3];
            for (int p = 0; p < 3; p++) {
                busRe[p] = srcRe[p] - (transformer.rOhm() * totRe[p] - transformer.xOhm() * totIm[p]);
                busIm[p] = srcIm[p] - (transformer.rOhm() * totIm[p] + transformer.xOhm() * totRe[p]);
            }
            int first = 0;
            for (Grid.Radial radial : transformer.radials()) {
                sweepRadial(radial, first, busRe, busIm, nodePRe, nodePIm);
                first += radial.customers().size();
            }
        }
    }

    private void sweepRadial(Grid.Radial radial, int first, double[] busRe, double[] busIm,
                             double[] nodePRe, double[] nodePIm) {
        List<Grid.Customer> cs = radial.customers();
        int n = cs.size();
        // backward: segment k carries the current of customers k..n-1
        for (int k = n - 1; k >= 0; k--) {
            for (int p = 0; p < 3; p++) {
                segRe[k][p] = iRe[first + k][p] + (k + 1 < n ? segRe[k + 1][p] : 0);
                segIm[k][p] = iIm[first + k][p] + (k + 1 < n ? segIm[k + 1][p] : 0);
            }
        }
        // forward: phase and neutral voltages to ground along the radial
        System.arraycopy(busRe, 0, nodePRe, 0, 3);
        System.arraycopy(busIm, 0, nodePIm, 0, 3);
        double nodeNRe = 0;
        double nodeNIm = 0;
        for (int k = 0; k < n; k++) {
            double r = radial.segmentROhm()[k];
            double x = radial.segmentXOhm()[k];
            double inRe = -(segRe[k][0] + segRe[k][1] + segRe[k][2]);
            double inIm = -(segIm[k][0] + segIm[k][1] + segIm[k][2]);
            for (int p = 0; p < 3; p++) {
                double rp = r + (k == radial.faultSegment() && p == radial.faultPhase() ? radial.faultROhm() : 0);
                nodePRe[p] -= rp * segRe[k][p] - x * segIm[k][p];
                nodePIm[p] -= rp * segIm[k][p] + x * segRe[k][p];
            }
            nodeNRe -= r * inRe - x * inIm;
            nodeNIm -= r * inIm + x * inRe;
            Grid.Customer cu = cs.get(k);
            int c = first + k;
            double cnRe = -(iRe[c][0] + iRe[c][1] + iRe[c][2]);
            double cnIm = -(iIm[c][0] + iIm[c][1] + iIm[c][2]);
            double rs = cu.serviceROhm();
            double xs = cu.serviceXOhm();
            double tnRe = nodeNRe - (rs * cnRe - xs * cnIm);
            double tnIm = nodeNIm - (rs * cnIm + xs * cnRe);
            for (int p = 0; p < 3; p++) {
                pgRe[c][p] = nodePRe[p] - (rs * iRe[c][p] - xs * iIm[c][p]);
                pgIm[c][p] = nodePIm[p] - (rs * iIm[c][p] + xs * iRe[c][p]);
                vRe[c][p] = pgRe[c][p] - tnRe;
                vIm[c][p] = pgIm[c][p] - tnIm;
            }
        }
    }
}
