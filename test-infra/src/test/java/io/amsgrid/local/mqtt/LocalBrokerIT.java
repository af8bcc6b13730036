package io.amsgrid.local.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalBrokerIT {
    @TempDir
    static Path dir;
    static LocalBroker broker;

    @BeforeAll
    static void start() {
        broker = LocalBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void publish_clientCertFromLocalCa_deliveredWithQos1() throws Exception {
        try (var sub = LocalMqttClient.connect(broker, broker.ca().issueClient("cloud"), "cloud", false);
             var dev = LocalMqttClient.connect(broker, broker.ca().issueClient("gw-0001"), "gw-0001", false)) {
            sub.subscribe("avg/+");
            dev.publish("avg/gw-0001", "hello".getBytes(StandardCharsets.UTF_8));
            var m = sub.inbox().poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.topic()).isEqualTo("avg/gw-0001");
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void connect_certificateFromAnotherCa_rejected() {
        LocalCa other = LocalCa.create(dir.resolve("other-ca"));
        assertThatThrownBy(() -> LocalMqttClient.connect(broker, other.issueClient("intruder"), "intruder", false))
                .hasMessageContaining("cannot connect");
    }

    @Test
    void stopStart_persistentSubscriber_getsMessagesPublishedAfterRestart() throws Exception {
        try (var sub = LocalMqttClient.connect(broker, broker.ca().issueClient("cloud-p"), "cloud-p", true)) {
            sub.subscribe("hr/+");
            broker.stop();
            broker.start();
            try (var dev = LocalMqttClient.connect(broker, broker.ca().issueClient("gw-0002"), "gw-0002", false)) {
                dev.publish("hr/gw-0002", new byte[] {1, 2, 3});
            }
            var m = sub.inbox().poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.payload()).containsExactly(1, 2, 3);
        }
    }
}
