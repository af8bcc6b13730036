package io.amsgrid.analysis.unbalance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UnbalanceTest {

    @Test
    void lineVoltageUnbalance_workedExample_matchesHandComputation() {
        // Vab 400, Vbc 390, Vca 410 V: sum of squares 480 200, sum of fourth powers 76 992 020 000,
        // beta = 0.333888455, sqrt(3 - 6 beta) = 0.994466, VUF = sqrt(0.005534 / 1.994466) = 2.888 %
        assertThat(Unbalance.lineVoltageUnbalancePercent(400, 390, 410)).isCloseTo(2.8880, within(1e-3));
        assertThat(Unbalance.lineVoltageUnbalancePercent(400, 400, 400)).isCloseTo(0, within(1e-6));
    }

    @Test
    void lineVoltageUnbalance_randomPhasors_equalsSymmetricalComponents() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 200; k++) {
            double[] re = new double[3];
            double[] im = new double[3];
            for (int p = 0; p < 3; p++) {
                double mag = 230 * (1 + 0.1 * rng.nextGaussian());
                double angle = -p * 2 * Math.PI / 3 + 0.1 * rng.nextGaussian();
                re[p] = mag * Math.cos(angle);
                im[p] = mag * Math.sin(angle);
            }
            double[] lre = {re[0] - re[1], re[1] - re[2], re[2] - re[0]};
            double[] lim = {im[0] - im[1], im[1] - im[2], im[2] - im[0]};
            double exact = Unbalance.symmetricalComponentsPercent(lre, lim);
            double fromMagnitudes = Unbalance.lineVoltageUnbalancePercent(Math.hypot(lre[0], lim[0]),
                    Math.hypot(lre[1], lim[1]), Math.hypot(lre[2], lim[2]));
            assertThat(fromMagnitudes).isCloseTo(exact, within(1e-6));
        }
    }

    @Test
    void phaseVoltageUnbalanceRate_maxDeviationOverMean() {
        // mean 230, largest deviation 5 V: 5 / 230
        assertThat(Unbalance.phaseVoltageUnbalanceRate(230, 225, 235)).isCloseTo(100.0 * 5 / 230, within(1e-9));
        assertThat(Unbalance.percent(VoltageKind.PHASE_TO_NEUTRAL, 230, 230, Double.NaN)).isNaN();
    }

    @Test
    void symmetricalComponents_balancedSet_isZero() {
        double s = Math.sqrt(3) / 2;
        assertThat(Unbalance.symmetricalComponentsPercent(new double[]{230, -115, -115}, new double[]{0, -230 * s, 230 * s}))
                .isCloseTo(0, within(1e-9));
    }

    @Test
    void detect_runsAboveThreshold_keptWhenLongEnough() {
        long[] ts = new long[30];
        double[] pct = new double[30];
        for (int i = 0; i < 30; i++) {
            ts[i] = i * 60L;
            pct[i] = (i >= 2 && i < 14) ? 3 : (i >= 20 && i < 25) ? 4 : 1; // 12 min and 5 min above 2 %
        }
        List<UnbalanceEpisode> e = UnbalanceEpisode.detect(ts, pct, 2, 600, 60);
        assertThat(e).hasSize(1);
        assertThat(e.get(0).startS()).isEqualTo(120);
        assertThat(e.get(0).durationS()).isEqualTo(720);
        assertThat(e.get(0).maxPercent()).isEqualTo(3);
    }

    @Test
    void detect_gapInData_breaksTheRun() {
        long[] ts = {0, 60, 120, 180, 240, 900, 960, 1020};
        double[] pct = {5, 5, 5, 5, 5, 5, 5, 5};
        assertThat(UnbalanceEpisode.detect(ts, pct, 2, 300, 60)).hasSize(1);
        assertThat(UnbalanceEpisode.detect(ts, pct, 2, 180, 60)).hasSize(2);
    }

    @Test
    void parse_namesAndGrids_accepted() {
        assertThat(VoltageKind.parse("IT")).isEqualTo(VoltageKind.LINE_TO_LINE);
        assertThat(VoltageKind.parse("phase")).isEqualTo(VoltageKind.PHASE_TO_NEUTRAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VoltageKind.parse("delta"))
                .hasMessageContaining("use phase (TN grid) or line (IT grid)");
    }
}
