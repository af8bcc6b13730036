package io.amsgrid.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RotationRulesTest {

    @Test
    void rule_readsCsrTopicsAndAddsThingPrincipalAndClientId() {
        RotationRule r = RotationRules.rule();
        assertThat(r.name()).matches("[a-zA-Z0-9_]+");
        assertThat(r.sql()).isEqualTo("SELECT *, topic(3) AS thingName, principal() AS principal,"
                + " clientid() AS clientId FROM 'amsgrid/rotation/+/csr'");
        assertThat(r.handler()).isEqualTo(LambdaHandlers.ROTATION);
    }

    @Test
    void topics_carryTheThingNameAtLevelThree() {
        assertThat(RotationRules.csrTopic("gw-1")).isEqualTo("amsgrid/rotation/gw-1/csr");
        assertThat(RotationRules.answerTopic("gw-1")).isEqualTo("amsgrid/rotation/gw-1/certificate");
        assertThat(RotationRules.csrTopic("gw-1").split("/")[2]).isEqualTo("gw-1");
    }
}
