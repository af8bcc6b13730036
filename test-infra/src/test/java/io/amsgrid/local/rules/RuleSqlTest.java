package io.amsgrid.local.rules;

import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSqlTest {

    @Test
    void evaluate_ingestRule_givesTheEventTheLambdaExpects() {
        RuleSql sql = RuleSql.parse(IngestRules.forKind(MessageKind.AVG).sql());
        byte[] payload = {1, 2, (byte) 0xFF};

        Map<String, Object> event = sql.evaluate("avg/gw-0001", payload, 1_700_000_000_123L);

        assertThat(event).containsExactly(
                Map.entry("payload", Base64.getEncoder().encodeToString(payload)),
                Map.entry("topic", "avg/gw-0001"),
                Map.entry("thing", "gw-0001"),
                Map.entry("receivedAtMs", 1_700_000_000_123L));
    }

    @Test
    void evaluate_jsonPayload_isBase64EncodedToo() {
        RuleSql sql = RuleSql.parse(IngestRules.forKind(MessageKind.HR).sql());
        byte[] json = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(sql.evaluate("hr/x", json, 1).get("payload")).isEqualTo("eyJ2IjoxfQ==");
    }

    @Test
    void evaluate_topicLevelBeyondTheTopic_isLeftOut() {
        RuleSql sql = RuleSql.parse("SELECT topic(3) AS third, topic() AS t FROM 'a/+'");
        assertThat(sql.evaluate("a/b", new byte[0], 0)).containsOnlyKeys("t");
    }

    @Test
    void matches_plusAndHash_likeAnMqttBroker() {
        assertThat(TopicFilters.matches("avg/+", "avg/gw-1")).isTrue();
        assertThat(TopicFilters.matches("avg/+", "avg/gw-1/x")).isFalse();
        assertThat(TopicFilters.matches("avg/+", "hr/gw-1")).isFalse();
        assertThat(TopicFilters.matches("$aws/things/+/shadow/#", "$aws/things/t/shadow/update/delta")).isTrue();
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();
    }

    @Test
    void parse_unsupportedExpressionOrWhere_isRefusedWithTheText() {
        assertThatThrownBy(() -> RuleSql.parse("SELECT upper(topic()) AS t FROM 'a/+'"))
                .hasMessageContaining("upper(topic())");
        assertThatThrownBy(() -> RuleSql.parse("SELECT topic() AS t FROM 'a/+' WHERE x > 1"))
                .hasMessageContaining("WHERE");
        assertThatThrownBy(() -> RuleSql.parse("SELECT topic() FROM 'a/+'"))
                .hasMessageContaining("alias");
    }

    @Test
    void evaluate_rotationRule_mergesJsonFieldsAndAddsPublisher() {
        RuleSql sql = RuleSql.parse(io.amsgrid.rules.RotationRules.SQL);
        byte[] json = "{\"requestId\":\"r1\",\"csr\":\"PEM\"}".getBytes(StandardCharsets.UTF_8);

        Map<String, Object> event = sql.evaluate("amsgrid/rotation/gw-1/csr", json, 5,
                new RuleSql.Publisher("gw-1-cert", "gw-1"));

        assertThat(sql.needsPublisher()).isTrue();
        assertThat(event).containsExactly(Map.entry("requestId", "r1"), Map.entry("csr", "PEM"),
                Map.entry("thingName", "gw-1"), Map.entry("principal", "gw-1-cert"), Map.entry("clientId", "gw-1"));
        assertThat(sql.evaluate("amsgrid/rotation/gw-1/csr", new byte[] {1, 2}, 5, null))
                .as("not JSON, no publisher known").containsOnlyKeys("thingName");
    }

    @Test
    void allIngestRules_parse() {
        IngestRules.all().forEach(r -> assertThat(RuleSql.parse(r.sql()).topicFilter()).isEqualTo(r.topicFilter()));
    }
}
