package io.amsgrid.fleet.rotation;

import io.amsgrid.lambdas.rotation.RotationHandler;
import io.amsgrid.lambdas.rotation.RotationOutcome;
import io.amsgrid.lambdas.rotation.RotationProcessor;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.local.provisioning.LocalRegistry;
import io.amsgrid.local.rules.LocalLambdaContext;
import io.amsgrid.local.rules.LocalRulesEngine;
import io.amsgrid.rules.RotationRules;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificate rotation on the local stand-ins: the rotation rule ({@link RotationRules}) in the local
 * rules engine invoking the same {@link RotationHandler} class as the Lambda, with
 * {@link LocalRotationCloud} (local CA, local registry, answers through the local broker).
 */
public final class LocalRotationService implements AutoCloseable {
    private final LocalMqttClient client;
    private final LocalRulesEngine engine;
    private final List<RotationOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private LocalRotationService(LocalBroker broker, LocalRegistry registry, Duration certificateValidity,
                                 String devicePolicy) {
        client = LocalMqttClient.connect(broker, broker.ca().issueClient("amsgrid-rotation"), "amsgrid-rotation", false);
        RotationProcessor processor = new RotationProcessor(new LocalRotationCloud(registry,
                new LocalCsrSigner(broker.ca().caCertificate(), certificateValidity), client), devicePolicy,
                Clock.systemUTC());
        RotationHandler handler = new RotationHandler(processor, o -> {
            outcomes.add(o);
            String key = o.status() == RotationOutcome.Status.REJECTED ? "REJECTED_" + o.reason() : o.status().name();
            counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        });
        engine = LocalRulesEngine.start(broker, List.of(RotationRules.rule()),
                (rule, event) -> handler.handleRequest(event, new LocalLambdaContext(rule.name(), 30, 512)),
                (failed, attempts) -> { }, 4, Duration.ofSeconds(1));
    }

    /** Starts the rule and handler on {@code broker}, with {@code registry} as the IoT registry. */
    public static LocalRotationService start(LocalBroker broker, LocalRegistry registry, Duration certificateValidity,
                                             String devicePolicy) {
        return new LocalRotationService(broker, registry, certificateValidity, devicePolicy);
    }

    /** Every outcome so far (tests). */
    public List<RotationOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Counts by status, rejections by reason ({@code REJECTED_NOT_ATTACHED}). */
    public Map<String, Long> counts() {
        Map<String, Long> m = new java.util.TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public LocalRulesEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
        client.close();
    }
}
