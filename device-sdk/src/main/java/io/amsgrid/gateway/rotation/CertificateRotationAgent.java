package io.amsgrid.gateway.rotation;

import io.amsgrid.gateway.iot.IotConnection;
import io.amsgrid.gateway.json.Json;
import io.amsgrid.gateway.json.JsonException;
import io.amsgrid.rules.RotationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Certificate rotation on the gateway, on its own MQTT connection and only on topics that carry its
 * thing name (so the device policy pins them to the connected thing). The operator asks for it with
 * {@code desired.certificateRotation = {"requestId": R}} in the shadow ({@code ./amsgrid fleet
 * rotate}); the gateway then
 * <ol>
 *   <li>makes a new key ({@code next.key} + {@code next.pub}, next to the
 *       configured certificate; the key is never sent) and publishes {@code {requestId, csr}} on
 *       {@code amsgrid/rotation/<thing>/csr}; the cloud's rotation rule and handler check it, issue an
 *       ACTIVE certificate with the device policy, attach it to the thing and answer on
 *       {@code amsgrid/rotation/<thing>/certificate};</li>
 *   <li>stores the new certificate ({@code next.crt}), installs {@code next.*} over the
 *       configured certificate and key files (temp file + atomic rename, key mode 0600) and reconnects with them ({@link IotConnection#switchCertificate});
 *       data waiting in the outbox goes out afterwards;</li>
 *   <li>reports {@code reported.certificateRotation = {requestId, state: "SWITCHED", certificateId,
 *       previousCertificateId}}; the operator then deactivates, detaches and deletes the old one.</li>
 * </ol>
 * A refusal ({@code {requestId, error: {code, message}}}) is reported as {@code state: "REJECTED"}
 * with the code. Each completed step is written to {@code rotation.json}; {@link #recoverFiles}
 * (before the gateway builds its connection;
 * {@code Gateway} calls it) finishes an interrupted installation, and on every
 * connect the agent resumes from the last step (a CSR is sent again with the same requestId: the
 * cloud answers a repeated request with the certificate it issued for it).
 */
public final class CertificateRotationAgent {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRotationAgent.class);
    public static final String FIELD = "certificateRotation";
    private static final String STATE_FILE = "rotation.json";

    private final IotConnection connection;
    private final String thing;
    private final Path certificate;
    private final Path privateKey;
    private final Path dir;
    private final Path stateFile;
    private volatile RotationState.Step stopAfter;   // tests: simulate a kill after this step
    private volatile boolean stopped;

    /** Rotation of {@code dir/device.crt} and {@code dir/device.key}. */
    public CertificateRotationAgent(IotConnection connection, String thing, Path certificateDir) {
        this(connection, thing, certificateDir.resolve("device.crt"), certificateDir.resolve("device.key"));
    }

    /**
     * Rotation of the given certificate and key files (the gateway config's); the work files
     * ({@code next.*}, {@code rotation.json}) live in the certificate's directory.
     */
    public CertificateRotationAgent(IotConnection connection, String thing, Path certificate, Path privateKey) {
        this.connection = connection;
        this.thing = thing;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.dir = workDir(certificate);
        this.stateFile = dir.resolve(STATE_FILE);
    }

    private static Path workDir(Path certificate) {
        return certificate.toAbsolutePath().getParent();
    }

    /** Tests: stop working right after persisting {@code step}, as if the process were killed there. */
    public void stopAfter(RotationState.Step step) {
        this.stopAfter = step;
    }

    /** Registers subscriptions and the resume-on-connect; call before the connection starts. */
    public void start() {
        String shadow = "$aws/things/" + thing + "/shadow/";
        connection.subscribe(shadow + "update/delta", (t, p) -> onDesired(Json.at(parse(p), "state")));
        connection.subscribe(shadow + "get/accepted", (t, p) -> onDesired(Json.at(parse(p), "state", "delta")));
        connection.subscribe(RotationRules.answerTopic(thing), (t, p) -> onAnswer(parse(p)));
        connection.onConnected(this::resume);
    }

    /** {@link #recoverFiles(Path, Path)} for {@code dir/device.crt} and {@code dir/device.key}. */
    public static void recoverFiles(Path certificateDir) {
        recoverFiles(certificateDir.resolve("device.crt"), certificateDir.resolve("device.key"));
    }

    /**
     * Before the gateway builds its connection: if a rotation was interrupted while installing,
     * finish installing ({@code next.*} over the certificate and key), so the key and certificate match.
     */
    public static void recoverFiles(Path certificate, Path privateKey) {
        Path state = workDir(certificate).resolve(STATE_FILE);
        RotationState s = RotationState.read(state);
        if (s != null && s.step() == RotationState.Step.CERT_ISSUED) {
            install(workDir(certificate), certificate, privateKey);
            s.with(RotationState.Step.SWITCHED).write(state);
            LOG.info("interrupted certificate rotation: new certificate installed at start");
        }
    }

    private synchronized void onDesired(Object state) {
        if (!(Json.at(state, FIELD, "requestId") instanceof String req) || stopped) {
            return;
        }
        RotationState s = RotationState.read(stateFile);
        if (s != null && s.requestId().equals(req)) {
            return; // already working on it, or done
        }
        if (s != null && !s.step().finished()) {
            LOG.warn("rotation {} requested while {} is at {}; finishing that first", req, s.requestId(), s.step());
            return;
        }
        DeviceKeys keys = DeviceKeys.generate();
        keys.writePrivateKey(dir.resolve("next.key"));
        keys.writePublicKey(dir.resolve("next.pub"));
        persist(new RotationState(req, RotationState.Step.KEY_READY, null, certificateId(certificate), null));
        LOG.info("certificate rotation {} started", req);
        resume();
    }

    /** Continues from the persisted step (also after a reconnect or restart). */
    private synchronized void resume() {
        RotationState s = RotationState.read(stateFile);
        if (s == null || stopped) {
            return;
        }
        switch (s.step()) {
            case KEY_READY -> send(RotationRules.csrTopic(thing), Map.of(RotationRules.FIELD_REQUEST_ID, s.requestId(),
                    RotationRules.FIELD_CSR, nextKeys().csrPem(thing)));
            case CERT_ISSUED -> {
                install(dir, certificate, privateKey);
                persist(s.with(RotationState.Step.SWITCHED));
                if (!stopped) {
                    connection.switchCertificate(certificate, privateKey);
                }
            }
            case SWITCHED -> report(s, "SWITCHED", RotationState.Step.DONE);
            case DONE, REJECTED -> {
            }
        }
    }

    private DeviceKeys nextKeys() {
        return DeviceKeys.load(dir.resolve("next.key"), dir.resolve("next.pub"));
    }

    private synchronized void onAnswer(Object answer) {
        RotationState s = RotationState.read(stateFile);
        if (s == null || s.step() != RotationState.Step.KEY_READY || stopped
                || !s.requestId().equals(Json.at(answer, "requestId"))) {
            return;
        }
        if (Json.at(answer, "error") != null) {
            String code = Json.at(answer, "error", "code") instanceof String c ? c : "UNKNOWN";
            LOG.warn("certificate rotation {} refused by the cloud: {} ({})", s.requestId(), code,
                    Json.at(answer, "error", "message"));
            RotationState rejected = new RotationState(s.requestId(), RotationState.Step.REJECTED, null,
                    s.oldCertificateId(), code);
            report(rejected, "REJECTED", RotationState.Step.REJECTED);
            return;
        }
        String pem = Json.at(answer, "certificatePem") instanceof String p ? p : "";
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
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requestId", s.requestId());
        r.put("state", state);
        r.put("previousCertificateId", s.oldCertificateId());
        if (s.newCertificateId() != null) {
            r.put("certificateId", s.newCertificateId());
        }
        if (s.error() != null) {
            r.put("error", s.error());
        }
        send("$aws/things/" + thing + "/shadow/update", Map.of("state", Map.of("reported", Map.of(FIELD, r))));
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

    private void send(String topic, Map<String, ?> body) {
        connection.publish(topic, Json.write(body).getBytes(StandardCharsets.UTF_8)).exceptionally(e -> {
            LOG.info("rotation message on {} not sent ({}); repeated at the next connect", topic, e.getMessage());
            return null;
        });
    }

    private static void install(Path dir, Path certificate, Path privateKey) {
        try {
            for (Path[] f : new Path[][] {{dir.resolve("next.key"), privateKey}, {dir.resolve("next.crt"), certificate}}) {
                Path tmp = f[1].resolveSibling(f[1].getFileName() + ".tmp");
                Files.copy(f[0], tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(tmp, f[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the new certificate " + certificate, e);
        }
    }

    private boolean matchesNextKey(String certificatePem) {
        try {
            X509Certificate cert = parseCertificate(certificatePem);
            return Arrays.equals(cert.getPublicKey().getEncoded(), nextKeys().publicKeyDer());
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }

    private static X509Certificate parseCertificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The AWS IoT certificate id: SHA-256 of the DER certificate, hex. */
    public static String certificateId(Path certificatePem) {
        try {
            X509Certificate cert = parseCertificate(Files.readString(certificatePem));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the certificate " + certificatePem + ": " + e.getMessage(), e);
        }
    }

    /** The last persisted state, if any (status, tests). */
    public Optional<RotationState> state() {
        return Optional.ofNullable(RotationState.read(stateFile));
    }

    private static Object parse(byte[] p) {
        try {
            return Json.parse(new String(p, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            return Map.of();
        }
    }
}
