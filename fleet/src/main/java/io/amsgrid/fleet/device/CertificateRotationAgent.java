package io.amsgrid.fleet.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.fleet.pki.DeviceKeys;
import io.amsgrid.gateway.iot.IotConnection;
import io.amsgrid.rules.RotationRules;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Certificate rotation on the gateway, on its own MQTT connection and only on topics that carry its
 * thing name (so the device policy pins them to the connected thing). The operator asks for it with
 * {@code desired.certificateRotation = {"requestId": R}} in the shadow ({@code ./amsgrid fleet
 * rotate}); the gateway then
 * <ol>
 *   <li>makes a new key ({@code next.key}, never sent) and publishes {@code {requestId, csr}} on
 *       {@code amsgrid/rotation/<thing>/csr}; the cloud's rotation rule and handler check it, issue an
 *       ACTIVE certificate with the device policy, attach it to the thing and answer on
 *       {@code amsgrid/rotation/<thing>/certificate};</li>
 *   <li>stores the new certificate ({@code next.crt}), installs {@code next.*} as
 *       {@code device.crt/device.key} and reconnects with them ({@link IotConnection#switchCertificate});
 *       data waiting in the outbox goes out afterwards;</li>
 *   <li>reports {@code reported.certificateRotation = {requestId, state: "SWITCHED", certificateId,
 *       previousCertificateId}}; the operator then deactivates, detaches and deletes the old one.</li>
 * </ol>
 * A refusal ({@code {requestId, error: {code, message}}}) is reported as {@code state: "REJECTED"}
 * with the code. Each completed step is written to {@code rotation.json}; {@link #recoverFiles}
 * (before the gateway builds its connection) finishes an interrupted installation, and on every
 * connect the agent resumes from the last step (a CSR is sent again with the same requestId: the
 * cloud answers a repeated request with the certificate it issued for it).
 */
public final class CertificateRotationAgent {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRotationAgent.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FIELD = "certificateRotation";

    private final IotConnection connection;
    private final String thing;
    private final Path dir;
    private final Path stateFile;
    private volatile RotationState.Step stopAfter;   // tests: simulate a kill after this step
    private volatile boolean stopped;

    public CertificateRotationAgent(IotConnection connection, String thing, Path certificateDir) {
        this.connection = connection;
        this.thing = thing;
        this.dir = certificateDir;
        this.stateFile = certificateDir.resolve("rotation.json");
    }

    /** Tests: stop working right after persisting {@code step}, as if the process were killed there. */
    public void stopAfter(RotationState.Step step) {
        this.stopAfter = step;
    }

    /** Registers subscriptions and the resume-on-connect; call before the connection starts. */
    public void start() {
        String shadow = "$aws/things/" + thing + "/shadow/";
        connection.subscribe(shadow + "update/delta", (t, p) -> onDesired(parse(p).path("state")));
        connection.subscribe(shadow + "get/accepted", (t, p) -> onDesired(parse(p).path("state").path("delta")));
        connection.subscribe(RotationRules.answerTopic(thing), (t, p) -> onAnswer(parse(p)));
        connection.onConnected(this::resume);
    }

    /**
     * Before the gateway builds its connection: if a rotation was interrupted while installing,
     * finish installing ({@code next.*} over {@code device.*}), so the key and certificate match.
     */
    public static void recoverFiles(Path certificateDir) {
        RotationState s = RotationState.read(certificateDir.resolve("rotation.json"));
        if (s != null && s.step() == RotationState.Step.CERT_ISSUED) {
            install(certificateDir);
            s.with(RotationState.Step.SWITCHED).write(certificateDir.resolve("rotation.json"));
            LOG.info("interrupted certificate rotation: new certificate installed at start");
        }
    }

    private synchronized void onDesired(JsonNode state) {
        JsonNode req = state.path(FIELD).path("requestId");
        if (!req.isTextual() || stopped) {
            return;
        }
        RotationState s = RotationState.read(stateFile);
        if (s != null && s.requestId().equals(req.asText())) {
            return; // already working on it, or done
        }
        if (s != null && !s.step().finished()) {
            LOG.warn("rotation {} requested while {} is at {}; finishing that first", req.asText(), s.requestId(), s.step());
            return;
        }
        DeviceKeys keys = DeviceKeys.generate();
        keys.writePrivateKey(dir.resolve("next.key"));
        persist(new RotationState(req.asText(), RotationState.Step.KEY_READY, null,
                certificateId(dir.resolve("device.crt")), null));
        LOG.info("certificate rotation {} started", req.asText());
        resume();
    }

    /** Continues from the persisted step (also after a reconnect or restart). */
    private synchronized void resume() {
        RotationState s = RotationState.read(stateFile);
        if (s == null || stopped) {
            return;
        }
        switch (s.step()) {
            case KEY_READY -> send(RotationRules.csrTopic(thing), JSON.createObjectNode()
                    .put(RotationRules.FIELD_REQUEST_ID, s.requestId())
                    .put(RotationRules.FIELD_CSR, DeviceKeys.csrFromKeyFile(dir.resolve("next.key"), thing)));
            case CERT_ISSUED -> {
                install(dir);
                persist(s.with(RotationState.Step.SWITCHED));
                if (!stopped) {
                    connection.switchCertificate(dir.resolve("device.crt"), dir.resolve("device.key"));
                }
            }
            case SWITCHED -> report(s, "SWITCHED", RotationState.Step.DONE);
            case DONE, REJECTED -> {
            }
        }
    }

    private synchronized void onAnswer(JsonNode answer) {
        RotationState s = RotationState.read(stateFile);
        if (s == null || s.step() != RotationState.Step.KEY_READY || stopped
                || !s.requestId().equals(answer.path("requestId").asText())) {
            return;
        }
        if (answer.has("error")) {
            String code = answer.path("error").path("code").asText("UNKNOWN");
            LOG.warn("certificate rotation {} refused by the cloud: {} ({})", s.requestId(), code,
                    answer.path("error").path("message").asText(""));
            RotationState rejected = new RotationState(s.requestId(), RotationState.Step.REJECTED, null,
                    s.oldCertificateId(), code);
            report(rejected, "REJECTED", RotationState.Step.REJECTED);
            return;
        }
        String pem = answer.path("certificatePem").asText("");
        if (!matchesNextKey(pem)) {
            LOG.warn("certificate rotation {}: the answer's certificate is not for the new key; ignored", s.requestId());
            return;
        }
        DeviceKeys.writePublic(dir.resolve("next.crt"), pem);
        persist(new RotationState(s.requestId(), RotationState.Step.CERT_ISSUED, certificateId(dir.resolve("next.crt")),
                s.oldCertificateId(), null));
        resume();
    }

    private void report(RotationState s, String state, RotationState.Step after) {
        ObjectNode req = JSON.createObjectNode();
        ObjectNode r = req.putObject("state").putObject("reported").putObject(FIELD).put("requestId", s.requestId())
                .put("state", state).put("previousCertificateId", s.oldCertificateId());
        if (s.newCertificateId() != null) {
            r.put("certificateId", s.newCertificateId());
        }
        if (s.error() != null) {
            r.put("error", s.error());
        }
        send("$aws/things/" + thing + "/shadow/update", req);
        persist(s.with(after));
        if (after == RotationState.Step.DONE) {
            LOG.info("certificate rotation {} done: now using {}", s.requestId(), s.newCertificateId().substring(0, 12));
        }
    }

    private void persist(RotationState s) {
        s.write(stateFile);
        if (s.step() == stopAfter) {
            stopped = true;
            LOG.info("rotation agent stopped after {} (test)", s.step());
        }
    }

    private void send(String topic, ObjectNode body) {
        try {
            connection.publish(topic, JSON.writeValueAsBytes(body)).exceptionally(e -> {
                LOG.info("rotation message on {} not sent ({}); repeated at the next connect", topic, e.getMessage());
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install(Path dir) {
        try {
            for (String[] f : new String[][] {{"next.key", "device.key"}, {"next.crt", "device.crt"}}) {
                Path tmp = dir.resolve(f[1] + ".tmp");
                Files.copy(dir.resolve(f[0]), tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(tmp, dir.resolve(f[1]), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the new certificate in " + dir, e);
        }
    }

    private boolean matchesNextKey(String certificatePem) {
        try (PEMParser c = new PEMParser(new StringReader(certificatePem));
             PEMParser r = new PEMParser(new StringReader(DeviceKeys.csrFromKeyFile(dir.resolve("next.key"), thing)))) {
            X509CertificateHolder cert = (X509CertificateHolder) c.readObject();
            PKCS10CertificationRequest csr = (PKCS10CertificationRequest) r.readObject();
            return cert != null && cert.getSubjectPublicKeyInfo().equals(csr.getSubjectPublicKeyInfo());
        } catch (IOException | ClassCastException e) {
            return false;
        }
    }

    /** The AWS IoT certificate id: SHA-256 of the DER certificate, hex. */
    public static String certificateId(Path certificatePem) {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(certificatePem))) {
            X509CertificateHolder cert = (X509CertificateHolder) p.readObject();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the certificate " + certificatePem + ": " + e.getMessage(), e);
        }
    }

    /** The last persisted state, if any (status, tests). */
    public Optional<RotationState> state() {
        return Optional.ofNullable(RotationState.read(stateFile));
    }

    private static JsonNode parse(byte[] p) {
        try {
            return JSON.readTree(p);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
