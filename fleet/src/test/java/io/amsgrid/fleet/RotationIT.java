package io.amsgrid.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.fleet.testing.Devices;
import io.amsgrid.fleet.testing.LocalStandIns;
import io.amsgrid.lambdas.rotation.RotationOutcome;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.rules.RotationRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation handler on the real local path: a device's MQTT connection (mosquitto, mutual TLS)
 * publishes a CSR, the local rules engine runs the rotation rule's SQL (principal and client id from
 * the broker), invokes the Lambda handler class, which answers on the thing's answer topic.
 *
 * <p>mosquitto has no IoT policies, so unlike AWS a device here CAN publish on another thing's
 * topics and connect with another client id; these tests show the handler's own checks refuse it.
 */
class RotationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LocalStandIns cloud;
    static LocalCsrSigner signer;

    @BeforeAll
    static void start() {
        cloud = new LocalStandIns(dir.resolve("cloud"));
        signer = new LocalCsrSigner(cloud.broker.ca().caCertificate(), Duration.ofDays(365));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void rotate_deviceAsksForAnotherThing_isRefusedAndNothingIsIssued() throws Exception {
        Map<String, LocalCsrSigner.Signed> certs = register("gw-own", "gw-victim");
        int certificatesBefore = cloud.registry.read().certificates().size();
        String csrForVictim = DeviceKeys.generate().csrPem("gw-victim");
        try (LocalMqttClient answers = cloud.subscriber(RotationRules.answerTopic("gw-victim"))) {
            // gw-own's certificate, its own client id, the victim's topic
            try (LocalMqttClient own = device("gw-own", "gw-own")) {
                own.publish(RotationRules.csrTopic("gw-victim"), request("r-other-1", csrForVictim));
            }
            assertThat(error(next(answers))).isEqualTo("CLIENT_ID_MISMATCH");
            // gw-own's certificate connecting as client gw-victim (AWS: refused by the Connect policy)
            try (LocalMqttClient spoof = device("gw-own", "gw-victim")) {
                spoof.publish(RotationRules.csrTopic("gw-victim"), request("r-other-2", csrForVictim));
            }
            assertThat(error(next(answers))).isEqualTo("NOT_ATTACHED");
        }
        assertThat(cloud.registry.read().certificates()).hasSize(certificatesBefore);
        assertThat(cloud.registry.thing("gw-victim").orElseThrow().certificateIds())
                .containsExactly(certs.get("gw-victim").certificateId());
    }

    @Test
    void rotate_sameRequestIdAgain_answersTheSameCertificate() throws Exception {
        Map<String, LocalCsrSigner.Signed> certs = register("gw-retry");
        DeviceKeys next = DeviceKeys.generate();
        try (LocalMqttClient answers = cloud.subscriber(RotationRules.answerTopic("gw-retry"));
             LocalMqttClient d = device("gw-retry", "gw-retry")) {
            d.publish(RotationRules.csrTopic("gw-retry"), request("r-retry", next.csrPem("gw-retry")));
            JsonNode first = next(answers);
            // a retried request (new CSR bytes for the same key, as after a restart)
            d.publish(RotationRules.csrTopic("gw-retry"), request("r-retry", next.csrPem("gw-retry")));
            JsonNode second = next(answers);

            assertThat(first.path("requestId").asText()).isEqualTo("r-retry");
            assertThat(first.path("certificateId").asText()).hasSize(64);
            assertThat(second.path("certificateId").asText()).isEqualTo(first.path("certificateId").asText());
            assertThat(second.path("certificatePem").asText()).isEqualTo(first.path("certificatePem").asText());
            assertThat(cloud.registry.thing("gw-retry").orElseThrow().certificateIds())
                    .containsExactly(certs.get("gw-retry").certificateId(), first.path("certificateId").asText());
            assertThat(cloud.registry.certificate(first.path("certificateId").asText()).orElseThrow().status())
                    .isEqualTo("ACTIVE");
            assertThat(cloud.rotation.engine().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(cloud.rotation.outcomes()).filteredOn(o -> "r-retry".equals(o.requestId()))
                    .extracting(RotationOutcome::status)
                    .containsExactly(RotationOutcome.Status.ISSUED, RotationOutcome.Status.REPEATED);
        }
    }

    @Test
    void rotate_badCsr_isRefusedWithItsReason() throws Exception {
        register("gw-bad");
        try (LocalMqttClient answers = cloud.subscriber(RotationRules.answerTopic("gw-bad"));
             LocalMqttClient d = device("gw-bad", "gw-bad")) {
            d.publish(RotationRules.csrTopic("gw-bad"), request("r-bad-1", DeviceKeys.generate().csrPem("gw-other")));
            assertThat(error(next(answers))).isEqualTo("SUBJECT_MISMATCH");
            d.publish(RotationRules.csrTopic("gw-bad"), request("r-bad-2", "not a csr"));
            assertThat(error(next(answers))).isEqualTo("BAD_CSR");
            d.publish(RotationRules.csrTopic("gw-bad"), "{\"csr\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(error(next(answers))).isEqualTo("BAD_REQUEST");
        }
        assertThat(cloud.rotation.engine().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(cloud.rotation.counts()).containsKeys("REJECTED_SUBJECT_MISMATCH", "REJECTED_BAD_CSR");
    }

    private static Map<String, LocalCsrSigner.Signed> register(String... things) {
        Map<String, LocalCsrSigner.Signed> certs = new java.util.HashMap<>();
        for (String t : things) {
            certs.put(t, Devices.credentials(signer, t, dir.resolve(t)));
        }
        Devices.registerAll(cloud.registry, certs, Map.of());
        return certs;
    }

    private static LocalMqttClient device(String certificateOf, String clientId) {
        Path d = dir.resolve(certificateOf);
        return LocalMqttClient.connect(cloud.broker, new LocalCa.Issued(certificateOf, d.resolve("device.crt"),
                d.resolve("device.key")), clientId, false);
    }

    private static byte[] request(String requestId, String csr) throws Exception {
        return JSON.writeValueAsBytes(JSON.createObjectNode().put("requestId", requestId).put("csr", csr));
    }

    private static JsonNode next(LocalMqttClient answers) throws Exception {
        LocalMqttClient.Message m = answers.inbox().poll(15, TimeUnit.SECONDS);
        assertThat(m).as("an answer").isNotNull();
        return JSON.readTree(m.payload());
    }

    private static String error(JsonNode answer) {
        assertThat(answer.has("certificatePem")).isFalse();
        return answer.path("error").path("code").asText();
    }
}
