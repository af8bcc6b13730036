package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.AnalysisOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection rates and false alarms over 50 random networks (2 transformers x 2 radials, one day
 * each, HAN readings every 20 s instead of 10 s, to stay well under a minute on a shared machine). The bigger run is {@code ./amsgrid analyze evaluate}; its
 * figures are in docs/analysis.md.
 */
class EvaluationTest {

    @Test
    void run_fiftyRandomNetworks_detectsInjectedErrorsWithFewFalseAlarms() {
        SimConfig base = SimConfig.defaults(0).withDays(1).withTransformers(2).withSamplesPerInterval(3);
        Evaluation.Score s = Evaluation.run(base, AnalysisOptions.defaults(), 5000, 50);
        System.out.println(s.summary());
        assertThat(s.runs()).isEqualTo(50);
        assertThat(s.wrongTransformerInjected()).isGreaterThanOrEqualTo(45);
        assertThat(s.wrongTransformerFound()).isGreaterThanOrEqualTo((int) (0.9 * s.wrongTransformerInjected()));
        assertThat(s.wrongTransformerFalse()).isLessThanOrEqualTo(3);
        assertThat(s.faultsFound()).isGreaterThanOrEqualTo((int) (0.7 * s.faultsInjected()));
        assertThat(s.faultFalseRadials()).isLessThanOrEqualTo(3);
        assertThat(s.swapsCheckableFound()).isGreaterThanOrEqualTo(s.swapsCheckable() / 2);
        assertThat(s.orderFalse()).isLessThanOrEqualTo(5);
        assertThat(s.nightHighest()).isGreaterThanOrEqualTo(40);
        assertThat(s.peakLowest()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void run_healthyNetworks_raiseNoTopologyOrFaultFlags() {
        SimConfig base = SimConfig.defaults(0).withDays(1).withTransformers(2).withSamplesPerInterval(3)
                .withFaults(0, 0, false);
        Evaluation.Score s = Evaluation.run(base, AnalysisOptions.defaults(), 7000, 10);
        assertThat(s.wrongTransformerFalse()).isZero();
        assertThat(s.faultFalseRadials()).isZero();
        assertThat(s.orderFalse()).isLessThanOrEqualTo(1);
    }
}
