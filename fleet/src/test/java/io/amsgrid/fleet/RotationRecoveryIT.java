package io.amsgrid.fleet;

import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.gateway.rotation.CertificateRotationAgent;
import io.amsgrid.gateway.rotation.RotationState;
import io.amsgrid.fleet.ops.Rotate;
import io.amsgrid.fleet.ops.Targets;
import io.amsgrid.fleet.testing.Devices;
import io.amsgrid.fleet.testing.LocalStandIns;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rotation interrupted after each step (the agent stops right after persisting the step and the
 * device's connection is dropped, as if the process were killed), then the device restarts from its
 * files: the rotation finishes, the device connects with the new certificate, the old one is retired.
 */
class RotationRecoveryIT {
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

    @ParameterizedTest
    @EnumSource(value = RotationState.Step.class, names = {"KEY_READY", "CERT_ISSUED", "SWITCHED"})
    void rotate_killedAfterStep_restartFinishesRotation(RotationState.Step step) throws Exception {
        String thing = "gw-rec-" + step.name().toLowerCase().replace('_', '-');
        Path d = dir.resolve(thing);
        LocalCsrSigner.Signed old = Devices.credentials(signer, thing, d);
        Devices.registerAll(cloud.registry, Map.of(thing, old), Map.of());
        String requestId = Rotate.newRequestId();

        try (LocalFleetControl control = cloud.control()) {
            Devices.Light first = new Devices.Light(cloud, thing, d);
            first.rotation.stopAfter(step);
            first.startConnecting();
            assertThat(first.connection.awaitConnected(10_000)).isTrue();
            Rotate.Summary interrupted = Rotate.run(control, new Targets.One(thing), 50, d.resolve("rotate.progress"),
                    requestId, Duration.ofSeconds(4), new PrintStream(new ByteArrayOutputStream()), true);
            assertThat(interrupted.notFinished()).containsExactly(thing);
            assertThat(first.rotation.state()).map(RotationState::step).contains(step);
            first.close(); // "killed"

            Devices.Light second = new Devices.Light(cloud, thing, d).startConnecting();
            try {
                assertThat(second.connection.awaitConnected(10_000)).isTrue();
                Rotate.Summary resumed = Rotate.run(control, new Targets.One(thing), 50, d.resolve("rotate.progress"),
                        requestId, Duration.ofSeconds(20), new PrintStream(new ByteArrayOutputStream()), true);
                assertThat(resumed.notFinished()).isEmpty();
                assertThat(resumed.retired()).containsEntry(thing, old.certificateId());
                assertThat(second.rotation.state()).map(RotationState::step).contains(RotationState.Step.DONE);
                List<String> ids = cloud.registry.thing(thing).orElseThrow().certificateIds();
                assertThat(ids).hasSize(1).doesNotContain(old.certificateId());
                assertThat(CertificateRotationAgent.certificateId(d.resolve("device.crt"))).isEqualTo(ids.getFirst());
                assertThat(cloud.registry.certificate(old.certificateId())).isEmpty();
                assertThat(second.connection.awaitConnected(10_000)).isTrue();
            } finally {
                second.close();
            }
        }
    }
}
