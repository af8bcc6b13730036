package io.amsgrid.local.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static LocalBroker broker;
    static ShadowService shadows;

    @BeforeAll
    static void start() {
        broker = LocalBroker.start(dir.resolve("broker"));
        shadows = ShadowService.start(broker);
    }

    @AfterAll
    static void stop() {
        shadows.close();
        broker.close();
    }

    private static JsonNode next(LocalMqttClient c, String topicSuffix) throws Exception {
        while (true) {
            var m = c.inbox().poll(5, TimeUnit.SECONDS);
            assertThat(m).as("message on " + topicSuffix).isNotNull();
            if (m.topic().endsWith(topicSuffix)) {
                return JSON.readTree(m.payload());
            }
        }
    }

    private static void send(LocalMqttClient c, String topic, String json) {
        c.publish(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void getUpdateDelta_asAwsDocuments() throws Exception {
        String p = "$aws/things/gw-7/shadow/";
        try (var dev = LocalMqttClient.connect(broker, broker.ca().issueClient("gw-7"), "gw-7", false)) {
            for (String s : new String[] {"get/accepted", "get/rejected", "update/accepted", "update/rejected", "update/delta"}) {
                dev.subscribe(p + s);
            }
            send(dev, p + "get", "{\"clientToken\":\"t1\"}");
            JsonNode rejected = next(dev, "get/rejected");
            assertThat(rejected.get("code").asInt()).isEqualTo(404);
            assertThat(rejected.get("clientToken").asText()).isEqualTo("t1");

            shadows.updateDesired("gw-7", Map.of("sendIntervalMinutes", 5));
            JsonNode delta = next(dev, "update/delta");
            assertThat(delta.at("/state/sendIntervalMinutes").asInt()).isEqualTo(5);
            assertThat(delta.at("/metadata/sendIntervalMinutes/timestamp").isNumber()).isTrue();
            assertThat(delta.get("version").asLong()).isEqualTo(1);

            send(dev, p + "update", "{\"clientToken\":\"t2\",\"state\":{\"reported\":{\"sendIntervalMinutes\":5}}}");
            JsonNode accepted = next(dev, "update/accepted");
            assertThat(accepted.get("version").asLong()).isEqualTo(2);
            assertThat(accepted.get("clientToken").asText()).isEqualTo("t2");
            assertThat(accepted.at("/metadata/reported/sendIntervalMinutes/timestamp").isNumber()).isTrue();

            send(dev, p + "get", "{\"clientToken\":\"t3\"}");
            JsonNode doc = next(dev, "get/accepted");
            assertThat(doc.at("/state/desired/sendIntervalMinutes").asInt()).isEqualTo(5);
            assertThat(doc.at("/state/reported/sendIntervalMinutes").asInt()).isEqualTo(5);
            assertThat(doc.at("/state").has("delta")).isFalse();
            assertThat(doc.get("version").asLong()).isEqualTo(2);

            send(dev, p + "update", "{\"version\":1,\"state\":{\"reported\":{\"x\":1}}}");
            assertThat(next(dev, "update/rejected").get("code").asInt()).isEqualTo(409);
            send(dev, p + "update", "{not json");
            assertThat(next(dev, "update/rejected").get("code").asInt()).isEqualTo(400);
        }
    }
}
