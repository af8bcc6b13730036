package io.amsgrid.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpecialFunctionsTest {

    @Test
    void logGamma_integers_matchFactorials() {
        assertThat(SpecialFunctions.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
    }

    @Test
    void regularizedIncompleteBeta_integerParameters_matchBinomialSum() {
        // I_x(2,3) = sum_{j=2..4} C(4,j) x^j (1-x)^(4-j); at x = 0.5: (6 + 4 + 1) / 16
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.5, 2, 3)).isCloseTo(11.0 / 16, within(1e-12));
        // I_x(1,1) = x
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-12));
        // both branches of the continued fraction: I_0.9(2,3) = 1 - I_0.1(3,2)
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.9, 2, 3))
                .isCloseTo(1 - SpecialFunctions.regularizedIncompleteBeta(0.1, 3, 2), within(1e-12));
    }

    @Test
    void studentTCdf_closedForms_match() {
        // one degree of freedom is the Cauchy distribution: F(1) = 3/4
        assertThat(SpecialFunctions.studentTCdf(1, 1)).isCloseTo(0.75, within(1e-12));
        // two degrees of freedom: F(t) = 1/2 + t / (2 sqrt(2 + t^2))
        assertThat(SpecialFunctions.studentTCdf(1, 2)).isCloseTo(0.5 + 1 / (2 * Math.sqrt(3)), within(1e-12));
        assertThat(SpecialFunctions.studentTCdf(-1, 2)).isCloseTo(0.5 - 1 / (2 * Math.sqrt(3)), within(1e-12));
    }

    @Test
    void studentTTwoSidedP_tableValue_matches() {
        // t = 2.228 with 10 degrees of freedom is the two-sided 5 % point of the t table
        assertThat(SpecialFunctions.studentTTwoSidedP(2.228, 10)).isCloseTo(0.05, within(1e-4));
        assertThat(SpecialFunctions.studentTTwoSidedP(0, 10)).isCloseTo(1, within(1e-12));
    }
}
