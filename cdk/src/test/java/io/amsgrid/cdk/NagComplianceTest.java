package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * Fails on any cdk-nag AwsSolutions finding that is neither fixed nor acknowledged in {@link NagSuppressionsConfig}.
 * ({@code SynthesisMessage} is deprecated in aws-cdk-lib, but it is what {@code Annotations.find*} returns.)
 */
@SuppressWarnings("deprecation")
class NagComplianceTest {

    static List<Synthesized.Variant> variants() {
        return List.of(Synthesized.DEFAULT, Synthesized.BASIC_BATCHED);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void synth_anyVariant_hasNoUnacknowledgedNagErrors(Synthesized.Variant variant) {
        List<SynthesisMessage> errors = Synthesized.of(variant).annotations()
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(NagComplianceTest::describe).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void synth_anyVariant_hasNoUnacknowledgedNagWarnings(Synthesized.Variant variant) {
        List<SynthesisMessage> warnings = Synthesized.of(variant).annotations()
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).extracting(NagComplianceTest::describe).isEmpty();
    }

    private static String describe(SynthesisMessage m) {
        return m.getId() + ": " + m.getEntry().getData();
    }
}
