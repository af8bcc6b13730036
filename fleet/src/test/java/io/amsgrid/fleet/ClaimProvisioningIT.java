package io.amsgrid.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.fleet.provision.ClaimProvisioner;
import io.amsgrid.fleet.testing.LocalStandIns;
import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.local.provisioning.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Self-registration by claim against the local provisioning responder, then a real gateway run. */
class ClaimProvisioningIT {
    @TempDir
    static Path dir;
    static LocalStandIns cloud;

    @BeforeAll
    static void start() {
        cloud = new LocalStandIns(dir.resolve("cloud"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void provision_claimCertificate_registersThingAndGatewayConnectsWithOwnKey() throws Exception {
        Path device = dir.resolve("device-1");
        ClaimProvisioner.Result r = ClaimProvisioner.provision(cloud.claimEndpoint(), LocalStandIns.TEMPLATE,
                "gw-prov-0001", device, Map.of("source", "tcp", "tcp.host", "127.0.0.1", "tcp.port", "9",
                        "dataDir", "data", "reconnect.minMs", "100", "reconnect.maxMs", "500"), Duration.ofSeconds(10));

        assertThat(r.thingName()).isEqualTo("gw-prov-0001");
        LocalRegistry.Thing thing = cloud.registry.thing("gw-prov-0001").orElseThrow();
        assertThat(thing.groups()).containsExactly("amsgrid-fleet");
        assertThat(thing.thingType()).isEqualTo("amsgrid-gateway");
        assertThat(thing.certificateIds()).containsExactly(r.certificateId());
        assertThat(cloud.registry.certificate(r.certificateId()).orElseThrow().status()).isEqualTo("ACTIVE");

        // the private key exists on the device only, mode 0600, and no request carried it
        Path key = device.resolve("device.key");
        String keyPem = Files.readString(key);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        assertThat(cloud.provisioning.seenPayloads()).hasSize(2)
                .noneMatch(p -> p.contains("PRIVATE KEY"))
                .noneMatch(p -> p.contains(keyBody.substring(0, 40)));
        try (Stream<Path> files = Files.walk(cloud.dir)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, keyBody.substring(0, 40))))
                    .isEmpty();
        }

        // the written config is the gateway's own format; the gateway connects with the new certificate
        GatewayConfig config = GatewayConfig.load(r.configFile());
        assertThat(config.thing()).isEqualTo("gw-prov-0001");
        try (Gateway g = new Gateway(config, Clock.systemUTC()); LocalFleetControl control = cloud.control()) {
            g.start();
            Optional<JsonNode> shadow = Optional.empty();
            for (int i = 0; i < 100 && shadow.isEmpty(); i++) {
                Thread.sleep(100);
                shadow = cloud.shadows.document("gw-prov-0001");
            }
            assertThat(shadow).isPresent();
            assertThat(control.getShadow("gw-prov-0001").orElseThrow().path("state").path("reported")
                    .path("sendIntervalMinutes").asInt()).isEqualTo(1);
            assertThat(control.connectivity("gw-prov-0001").connected()).contains(true);
        }
    }

    @Test
    void provision_unknownTemplate_rejectedWithResourceNotFound() {
        assertThatThrownBy(() -> ClaimProvisioner.provision(cloud.claimEndpoint(), "no-such-template", "gw-prov-0002",
                dir.resolve("device-2"), Map.of(), Duration.ofSeconds(10)))
                .isInstanceOf(FleetException.class).hasMessageContaining("ResourceNotFound")
                .extracting(e -> ((FleetException) e).reason()).isEqualTo(FleetError.REJECTED);
        assertThat(cloud.registry.thing("gw-prov-0002")).isEmpty();
    }

    @Test
    void provision_badThingName_refusedBeforeAnyKeyIsMade() {
        assertThatThrownBy(() -> ClaimProvisioner.provision(cloud.claimEndpoint(), LocalStandIns.TEMPLATE, "bad name",
                dir.resolve("device-3"), Map.of(), Duration.ofSeconds(10)))
                .isInstanceOf(FleetException.class).hasMessageContaining("--thing");
        assertThat(dir.resolve("device-3")).doesNotExist();
    }

    private static boolean contains(Path f, String text) {
        try {
            return Files.size(f) < 5_000_000 && Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
