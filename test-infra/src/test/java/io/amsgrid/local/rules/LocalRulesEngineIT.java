package io.amsgrid.local.rules;

import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.rules.IngestRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules as deployed, run against real mosquitto with mutual TLS and a device certificate. */
class LocalRulesEngineIT {
    @TempDir
    static Path dir;
    static LocalBroker broker;
    static LocalMqttClient device;

    @BeforeAll
    static void start() {
        broker = LocalBroker.start(dir.resolve("broker"));
        device = LocalMqttClient.connect(broker, broker.ca().issueClient("gw-rules-1"), "gw-rules-1", false);
    }

    @AfterAll
    static void stop() {
        device.close();
        broker.close();
    }

    @Test
    void publish_onEachRuleTopic_invokesTheTargetWithTheRuleOutput() throws Exception {
        List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
        try (LocalRulesEngine engine = LocalRulesEngine.start(broker, IngestRules.all(),
                (rule, event) -> events.add(event), (f, n) -> { }, 2, Duration.ofMillis(10))) {
            device.publish("avg/gw-rules-1", new byte[] {1, 2, 3});
            device.publish("hr/gw-rules-1", new byte[] {4});
            device.publish("other/gw-rules-1", new byte[] {5});
            waitFor(() -> events.size() == 2);
            assertThat(engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(engine.matchedByRule()).containsEntry("amsgrid_avg", 1L).containsEntry("amsgrid_hr", 1L)
                    .containsEntry("amsgrid_pf", 0L);
        }
        assertThat(events).extracting(e -> e.get("topic")).containsExactlyInAnyOrder("avg/gw-rules-1", "hr/gw-rules-1");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("thing")).isEqualTo("gw-rules-1");
            assertThat((Long) e.get("receivedAtMs")).isGreaterThan(1_700_000_000_000L);
        });
    }

    @Test
    void functionError_isRetriedTwice_thenGoesToOnFailureWithTheEvent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<LocalRulesEngine.FailedEvent> failed = new CopyOnWriteArrayList<>();
        try (LocalRulesEngine engine = LocalRulesEngine.start(broker, IngestRules.all(),
                (rule, event) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("table unavailable");
                }, (f, attempts) -> failed.add(f), 1, Duration.ofMillis(10))) {
            device.publish("pf/gw-rules-1", new byte[] {9});
            waitFor(() -> failed.size() == 1);
            assertThat(engine.failures()).isEqualTo(1);
        }
        assertThat(calls).hasValue(3);
        assertThat(failed.get(0).rule().name()).isEqualTo("amsgrid_pf");
        assertThat(failed.get(0).event()).containsEntry("payload", "CQ==");
        assertThat(failed.get(0).error()).hasMessage("table unavailable");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(end);
            Thread.sleep(20);
        }
    }
}
