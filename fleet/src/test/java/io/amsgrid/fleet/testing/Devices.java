package io.amsgrid.fleet.testing;

import io.amsgrid.gateway.rotation.CertificateRotationAgent;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.gateway.iot.IotConnection;
import io.amsgrid.gateway.iot.ReconnectPolicy;
import io.amsgrid.gateway.shadow.ShadowAgent;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.local.provisioning.LocalRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Devices for fleet ITs. {@link #credentials} makes a thing's key (on the "device") and certificate
 * (local CA) and {@link #registerAll} enters them in the registry in one write. A {@link Light}
 * device is the gateway's real connection, shadow agent and rotation agent without a meter, so
 * hundreds fit in one test JVM.
 */
public final class Devices {

    private Devices() {
    }

    /** Writes {@code dir/device.key} and {@code dir/device.crt}; returns the certificate. */
    public static LocalCsrSigner.Signed credentials(LocalCsrSigner signer, String thing, Path dir) {
        DeviceKeys k = DeviceKeys.generate();
        k.writePrivateKey(dir.resolve("device.key"));
        LocalCsrSigner.Signed s = signer.sign(k.csrPem(thing));
        DeviceKeys.writePublic(dir.resolve("device.crt"), s.certificatePem());
        return s;
    }

    /** Registers things (type amsgrid-gateway, group amsgrid-fleet plus {@code extraGroups}) with their certificates. */
    public static void registerAll(LocalRegistry registry, Map<String, LocalCsrSigner.Signed> certs,
                                   Map<String, List<String>> extraGroups) {
        registry.update(c -> {
            certs.forEach((thing, s) -> {
                c.certificates().put(s.certificateId(), new LocalRegistry.Certificate(s.certificateId(), "ACTIVE",
                        s.certificatePem(), s.notBefore().getEpochSecond(), s.notAfter().getEpochSecond(),
                        Instant.now().getEpochSecond()));
                List<String> groups = new ArrayList<>(List.of("amsgrid-fleet"));
                groups.addAll(extraGroups.getOrDefault(thing, List.of()));
                c.things().put(thing, new LocalRegistry.Thing(thing, "amsgrid-gateway", groups,
                        Map.of("serial", thing), List.of(s.certificateId()), 1));
            });
            return null;
        });
    }

    /** A gateway without a meter: real IotConnection + ShadowAgent + CertificateRotationAgent. */
    public static final class Light implements AutoCloseable {
        public final String thing;
        public final IotConnection connection;
        public final CertificateRotationAgent rotation;
        public final AtomicInteger intervalMinutes = new AtomicInteger(1);

        public Light(LocalStandIns cloud, String thing, Path dir) {
            this.thing = thing;
            CertificateRotationAgent.recoverFiles(dir);
            this.connection = new IotConnection(new IotConnection.Settings(cloud.broker.host(), cloud.broker.port(),
                    thing, dir.resolve("device.crt"), dir.resolve("device.key"), cloud.broker.ca().caCertificate(),
                    new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30))));
            new ShadowAgent(connection, thing, intervalMinutes::set, intervalMinutes::get, () ->
                    Map.of("outboxDepth", 0, "rejects", 0, "connection", connection.state().name())).start();
            this.rotation = new CertificateRotationAgent(connection, thing, dir);
            rotation.start();
        }

        public Light startConnecting() {
            connection.start();
            return this;
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
