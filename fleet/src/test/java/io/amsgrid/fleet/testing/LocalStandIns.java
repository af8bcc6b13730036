package io.amsgrid.fleet.testing;

import io.amsgrid.fleet.control.LocalEnvironment;
import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.fleet.mqtt.MqttSession;
import io.amsgrid.fleet.rotation.LocalRotationService;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.provisioning.LocalRegistry;
import io.amsgrid.local.provisioning.ProvisioningResponder;
import io.amsgrid.local.shadow.ShadowService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The cloud side for fleet ITs: mosquitto with mutual TLS, the shadow service, the fleet
 * provisioning responder (template {@code amsgrid-gateway} as the CDK app defines it), certificate
 * rotation (the rotation rule and handler, {@link LocalRotationService}), the JSON registry, and {@code local.json} describing them for {@link LocalFleetControl}.
 */
public final class LocalStandIns implements AutoCloseable {
    public static final String TEMPLATE = "amsgrid-gateway";

    public final Path dir;
    public final LocalBroker broker;
    public final ShadowService shadows;
    public final LocalRegistry registry;
    public final ProvisioningResponder provisioning;
    public final LocalRotationService rotation;
    public final LocalEnvironment environment;

    public LocalStandIns(Path dir) {
        this.dir = dir;
        this.broker = LocalBroker.start(dir.resolve("broker"));
        this.shadows = ShadowService.start(broker);
        this.registry = new LocalRegistry(dir.resolve("registry.json"));
        this.provisioning = ProvisioningResponder.start(broker, registry, Duration.ofDays(365), List.of(
                new ProvisioningResponder.Template(TEMPLATE, "SerialNumber", "amsgrid-gateway", "amsgrid-fleet",
                        "amsgrid-device")));
        this.rotation = LocalRotationService.start(broker, registry, Duration.ofDays(365), "amsgrid-device");
        this.environment = new LocalEnvironment(broker.host(), broker.port(),
                broker.ca().caCertificate().toAbsolutePath().toString(), broker.log().toAbsolutePath().toString(),
                registry.file().toAbsolutePath().toString(), null, null, null, null, null, null);
        environment.write(dir);
    }

    /** A claim certificate as the factory installs it (CN amsgrid-claim). */
    public MqttSession.Endpoint claimEndpoint() {
        LocalCa.Issued claim = broker.ca().issueClient("amsgrid-claim");
        return new MqttSession.Endpoint(broker.host(), broker.port(), claim.certificate(), claim.privateKey(),
                broker.ca().caCertificate());
    }

    /** A cloud-side subscriber with a persistent session. */
    public LocalMqttClient subscriber(String... filters) {
        LocalMqttClient c = LocalMqttClient.connect(broker, broker.ca().issueClient("cloud"), "cloud-" + System.nanoTime(),
                true);
        for (String f : filters) {
            c.subscribe(f);
        }
        return c;
    }

    public LocalFleetControl control() {
        return new LocalFleetControl(dir);
    }

    @Override
    public void close() {
        rotation.close();
        provisioning.close();
        shadows.close();
        broker.close();
    }
}
