package io.amsgrid.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestRulesTest {

    @Test
    void all_oneRulePerKind_withTheKindsTopicFilter() {
        assertThat(IngestRules.all()).extracting(IngestRule::topicFilter)
                .containsExactly("avg/+", "hr/+", "pf/+", "raw/+");
        assertThat(IngestRules.all()).extracting(IngestRule::name)
                .allMatch(n -> n.matches("[a-zA-Z0-9_]+"));
    }

    @Test
    void sql_selectsBase64PayloadTopicThingAndReceiveTime() {
        assertThat(IngestRules.forKind(MessageKind.HR).sql()).isEqualTo(
                "SELECT encode(*, 'base64') AS payload, topic() AS topic, topic(2) AS thing,"
                        + " timestamp() AS receivedAtMs FROM 'hr/+'");
    }

    @Test
    void ofTopicPrefix_unknown_throwsWithTheName() {
        assertThat(MessageKind.ofTopicPrefix("pf")).isEqualTo(MessageKind.PF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageKind.ofTopicPrefix("xx"))
                .hasMessageContaining("xx");
    }
}
