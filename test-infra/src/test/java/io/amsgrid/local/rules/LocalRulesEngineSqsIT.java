package io.amsgrid.local.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.RotationRules;
import io.amsgrid.rules.TopicRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.amsgrid.local.rules.LocalRulesEngineTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched route's SQS action on real mosquitto: the ingest rules' output goes to the queue as
 * JSON (the same fields the direct route's target gets), the rotation rule is still invoked.
 */
class LocalRulesEngineSqsIT {

    @Test
    void publish_ingestAndRotationTopics_ingestToTheQueueRotationInvoked(@TempDir Path dir) throws Exception {
        List<TopicRule> rules = new ArrayList<>(IngestRules.all());
        rules.add(RotationRules.rule());
        List<String> invoked = new CopyOnWriteArrayList<>();
        List<List<LocalSqsQueue.Message>> batches = new CopyOnWriteArrayList<>();
        LocalSqsQueue queue = new LocalSqsQueue("ingest", Duration.ofSeconds(30), 5, d -> { });
        try (LocalBroker broker = LocalBroker.start(dir.resolve("broker"));
             LocalMqttClient device = LocalMqttClient.connect(broker, broker.ca().issueClient("gw-sqs-1"), "gw-sqs-1", false);
             LocalEventSourceMapping mapping = LocalEventSourceMapping.start(queue, b -> {
                 batches.add(b);
                 return List.of();
             }, 100, Duration.ofMillis(300), 2);
             LocalRulesEngine engine = LocalRulesEngine.start(broker, rules, (rule, event) -> invoked.add(rule.name()),
                     (f, n) -> { }, 1, Duration.ofMillis(10),
                     new LocalRulesEngine.SqsAction(queue, r -> r instanceof IngestRule))) {
            device.publish("avg/gw-sqs-1", new byte[] {1, 2, 3});
            device.publish("hr/gw-sqs-1", new byte[] {4});
            device.publish(RotationRules.csrTopic("gw-sqs-1"),
                    "{\"requestId\":\"r1\",\"csr\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            waitFor(Duration.ofSeconds(10), () -> batches.stream().mapToInt(List::size).sum() == 2 && invoked.size() == 1);
            assertThat(engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(engine.inFlight()).isZero();
        }

        assertThat(invoked).containsExactly(RotationRules.RULE_NAME);
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (LocalSqsQueue.Message m : batches.stream().flatMap(List::stream).toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.readValue(m.body(), Map.class);
            bodies.add(body);
        }
        assertThat(bodies).extracting(b -> b.get("topic")).containsExactlyInAnyOrder("avg/gw-sqs-1", "hr/gw-sqs-1");
        assertThat(bodies).allSatisfy(b -> {
            assertThat(b).containsOnlyKeys(IngestRules.FIELD_PAYLOAD, IngestRules.FIELD_TOPIC, IngestRules.FIELD_THING,
                    IngestRules.FIELD_RECEIVED_AT_MS);
            assertThat(b.get("thing")).isEqualTo("gw-sqs-1");
            assertThat(((Number) b.get("receivedAtMs")).longValue()).isGreaterThan(1_700_000_000_000L);
        });
        assertThat(bodies).anySatisfy(b -> assertThat(b).containsEntry("payload", "AQID"));
    }
}
