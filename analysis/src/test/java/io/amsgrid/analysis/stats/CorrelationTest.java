package io.amsgrid.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CorrelationTest {

    @Test
    void pearson_handComputedExample_matches() {
        // x 1..5, y 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6, r = 6 / sqrt(60)
        Correlation c = Correlation.pearson(new double[]{1, 2, 3, 4, 5}, new double[]{2, 4, 5, 4, 5});
        assertThat(c.r()).isCloseTo(6 / Math.sqrt(60), within(1e-12));
        assertThat(c.n()).isEqualTo(5);
        // t = r sqrt(3 / (1 - r^2)) = sqrt(4.5)
        assertThat(c.t()).isCloseTo(Math.sqrt(4.5), within(1e-9));
        // 3 dof: F(t) = 1/2 + (1/pi) (t/(sqrt3 (1 + t^2/3)) + atan(t/sqrt3)); p = 2 (1 - F)
        double t = Math.sqrt(4.5);
        double f = 0.5 + (t / (Math.sqrt(3) * (1 + t * t / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
        assertThat(c.pValue()).isCloseTo(2 * (1 - f), within(1e-9)).isCloseTo(0.1240, within(1e-4));
    }

    @Test
    void pearson_missingValues_useOnlyAlignedPairs() {
        Correlation c = Correlation.pearson(new double[]{1, Double.NaN, 2, 3, 4, 5}, new double[]{2, 9, 4, 5, Double.NaN, 4});
        // pairs (1,2) (2,4) (3,5) (5,4)
        Correlation expected = Correlation.pearson(new double[]{1, 2, 3, 5}, new double[]{2, 4, 5, 4});
        assertThat(c.n()).isEqualTo(4);
        assertThat(c.r()).isCloseTo(expected.r(), within(1e-12));
    }

    @Test
    void pearson_perfectAndConstant_giveOneAndNaN() {
        Correlation perfect = Correlation.pearson(new double[]{1, 2, 3, 4}, new double[]{3, 5, 7, 9});
        assertThat(perfect.r()).isEqualTo(1.0);
        assertThat(perfect.pValue()).isEqualTo(0.0);
        assertThat(Correlation.pearson(new double[]{1, 2, 3}, new double[]{4, 4, 4}).r()).isNaN();
    }
}
