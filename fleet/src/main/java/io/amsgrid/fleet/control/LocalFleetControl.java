package io.amsgrid.fleet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.mqtt.MqttSession;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.local.provisioning.LocalCsrSigner;
import io.amsgrid.local.provisioning.LocalRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FleetControl} on the local stand-ins: the registry is a {@link LocalRegistry} JSON file,
 * certificates are signed by the local CA, and shadows are read and written through the shadow MQTT
 * API on the local broker (answered by test-infra's {@code ShadowService}) with an operator
 * certificate made on first use. Connectivity comes from the broker's log (mosquitto's
 * "New client connected ... as X" and "Client X disconnected/closed" lines) when it has a line for
 * the thing (mosquitto buffers its log, so it can lag), else from the gateway's last
 * {@code reported.status.connection} in the shadow. Policies are recorded
 * nowhere: mosquitto does not enforce IoT policies, so attachPolicy only checks the certificate exists.
 */
public final class LocalFleetControl implements FleetControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHADOW = Pattern.compile("\\$aws/things/([^/]+)/shadow/(get|update)/(accepted|rejected)");
    private static final Pattern CONNECTED = Pattern.compile("^(\\S+): New client connected from \\S+ as (\\S+) ");
    private static final Pattern DISCONNECTED = Pattern.compile("^(\\S+): Client (\\S+) (?:disconnected|closed its connection)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final LocalEnvironment env;
    private final LocalRegistry registry;
    private final LocalCsrSigner signer;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private MqttSession session;
    private Map<String, Connectivity> connectivity;
    private long connectivityReadAt;

    public LocalFleetControl(Path dir) {
        this.dir = dir;
        this.env = LocalEnvironment.read(dir);
        this.registry = new LocalRegistry(Path.of(env.registry()));
        this.signer = new LocalCsrSigner(Path.of(env.caCertificate()), Duration.ofDays(365));
    }

    public LocalEnvironment environment() {
        return env;
    }

    public LocalRegistry registry() {
        return registry;
    }

    @Override
    public void createThing(String thing, String thingType, Map<String, String> attributes) {
        registry.upsertThing(thing, thingType, List.of(), attributes);
    }

    @Override
    public boolean thingExists(String thing) {
        return registry.thing(thing).isPresent();
    }

    @Override
    public IssuedCertificate createCertificateFromCsr(String csrPem) {
        LocalCsrSigner.Signed s;
        try {
            s = signer.sign(csrPem);
        } catch (IllegalArgumentException e) {
            throw new FleetException(FleetError.BAD_INPUT, "the CSR is not usable: " + e.getMessage());
        }
        registry.putCertificate(new LocalRegistry.Certificate(s.certificateId(), "ACTIVE", s.certificatePem(),
                s.notBefore().getEpochSecond(), s.notAfter().getEpochSecond(), Instant.now().getEpochSecond()));
        return new IssuedCertificate(s.certificateId(), "local:cert/" + s.certificateId(), s.certificatePem(),
                Optional.empty());
    }

    @Override
    public IssuedCertificate createKeysAndCertificate() {
        DeviceKeys keys = DeviceKeys.generate();
        IssuedCertificate c = createCertificateFromCsr(keys.csrPem("device"));
        return new IssuedCertificate(c.certificateId(), c.certificateArn(), c.certificatePem(),
                Optional.of(keys.privateKeyPem()));
    }

    @Override
    public void attachPolicy(String policyName, IssuedCertificate certificate) {
        requireCertificate(certificate.certificateId());
    }

    @Override
    public void attachThingPrincipal(String thing, IssuedCertificate certificate) {
        requireThing(thing);
        registry.attach(thing, certificate.certificateId());
    }

    @Override
    public void addThingToGroup(String thing, String group) {
        requireThing(thing);
        registry.upsertThing(thing, null, List.of(group), Map.of());
    }

    @Override
    public ThingPage listThings(String group, String nextToken, int pageSize) {
        List<String> all = registry.read().things().values().stream()
                .filter(t -> group == null || t.groups().contains(group)).map(LocalRegistry.Thing::thingName).toList();
        int from = nextToken == null ? 0 : Integer.parseInt(nextToken);
        int to = Math.min(all.size(), from + pageSize);
        return new ThingPage(all.subList(from, to), to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public List<String> thingCertificates(String thing) {
        return requireThing(thing).certificateIds();
    }

    @Override
    public CertificateInfo describeCertificate(String certificateId) {
        LocalRegistry.Certificate c = requireCertificate(certificateId);
        return new CertificateInfo(c.certificateId(), c.status(), Instant.ofEpochSecond(c.notAfterEpochSecond()));
    }

    @Override
    public void updateCertificateStatus(String certificateId, String status) {
        if (!registry.setStatus(certificateId, status)) {
            throw new FleetException(FleetError.UNKNOWN_CERTIFICATE, "no certificate " + certificateId);
        }
    }

    @Override
    public void detachThingPrincipal(String thing, String certificateId) {
        registry.detach(certificateId);
    }

    @Override
    public void deleteCertificate(String certificateId) {
        try {
            registry.deleteCertificate(certificateId);
        } catch (IllegalArgumentException e) {
            throw new FleetException(FleetError.UNKNOWN_CERTIFICATE, e.getMessage());
        } catch (IllegalStateException e) {
            throw new FleetException(FleetError.REJECTED, e.getMessage());
        }
    }

    @Override
    public JsonNode updateDesired(String thing, ObjectNode desired) {
        requireThing(thing);
        ObjectNode req = JSON.createObjectNode();
        req.putObject("state").set("desired", desired);
        return shadowRequest(thing, "update", req).orElseThrow(() ->
                new FleetException(FleetError.REJECTED, "shadow update of " + thing + " rejected"));
    }

    @Override
    public Optional<JsonNode> getShadow(String thing) {
        requireThing(thing);
        return shadowRequest(thing, "get", JSON.createObjectNode());
    }

    private Optional<JsonNode> shadowRequest(String thing, String op, ObjectNode req) {
        String token = UUID.randomUUID().toString();
        req.put("clientToken", token);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(token, f);
        try {
            session().publish("$aws/things/" + thing + "/shadow/" + op, JSON.writeValueAsBytes(req));
            JsonNode answer = f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("code")) {
                if (answer.path("code").asInt() == 404) {
                    return Optional.empty();
                }
                if (answer.path("code").asInt() == 429) {
                    throw new FleetException(FleetError.THROTTLED, "shadow " + op + " of " + thing + " throttled");
                }
                throw new FleetException(FleetError.REJECTED, "shadow " + op + " of " + thing + " rejected: "
                        + answer.path("message").asText());
            }
            return Optional.of(answer);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new FleetException(FleetError.TIMEOUT, "no shadow answer for " + thing + " within "
                    + TIMEOUT.toSeconds() + " s (is the local shadow service running?)");
        } catch (java.util.concurrent.ExecutionException | IOException e) {
            throw new FleetException(FleetError.SERVICE, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException(FleetError.TIMEOUT, "interrupted");
        } finally {
            pending.remove(token);
        }
    }

    private synchronized MqttSession session() {
        if (session == null) {
            Path opDir = dir.resolve("operator");
            Path cert = opDir.resolve("operator.crt");
            Path key = opDir.resolve("operator.key");
            if (!Files.exists(cert) || !Files.exists(key)) {
                DeviceKeys keys = DeviceKeys.generate();
                keys.writePrivateKey(key);
                DeviceKeys.writePublic(cert, signer.sign(keys.csrPem("amsgrid-operator")).certificatePem());
            }
            session = MqttSession.connect(new MqttSession.Endpoint(env.mqttHost(), env.mqttPort(), cert, key,
                    Path.of(env.caCertificate())), "amsgrid-operator-" + UUID.randomUUID(), TIMEOUT);
            for (String f : List.of("$aws/things/+/shadow/get/accepted", "$aws/things/+/shadow/get/rejected",
                    "$aws/things/+/shadow/update/accepted", "$aws/things/+/shadow/update/rejected")) {
                session.subscribe(f, this::onAnswer);
            }
        }
        return session;
    }

    private void onAnswer(String topic, byte[] payload) {
        Matcher m = SHADOW.matcher(topic);
        if (!m.matches()) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(payload);
            CompletableFuture<JsonNode> f = pending.get(n.path("clientToken").asText(""));
            if (f != null) {
                f.complete(n);
            }
        } catch (IOException e) {
            // not JSON: not an answer to us
        }
    }

    @Override
    public synchronized Connectivity connectivity(String thing) {
        if (connectivity == null || System.currentTimeMillis() - connectivityReadAt > 1000) {
            connectivity = readBrokerLog();
            connectivityReadAt = System.currentTimeMillis();
        }
        Connectivity fromLog = connectivity.get(thing);
        if (fromLog != null) {
            return fromLog;
        }
        // mosquitto's log may not be flushed yet: fall back to what the gateway last reported
        return getShadow(thing).map(d -> {
            JsonNode c = d.path("state").path("reported").path("status").path("connection");
            if (!c.isTextual()) {
                return Connectivity.unknown("no broker log line and no reported status");
            }
            long ts = d.path("metadata").path("reported").path("status").path("connection").path("timestamp").asLong(0);
            return new Connectivity(Optional.of(c.asText().equals("CONNECTED")),
                    ts == 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochSecond(ts)), "shadow reported");
        }).orElse(Connectivity.unknown("no broker log line and no shadow"));
    }

    private Map<String, Connectivity> readBrokerLog() {
        Map<String, Connectivity> out = new HashMap<>();
        Path log = Path.of(env.brokerLog());
        if (!Files.isReadable(log)) {
            return out;
        }
        try (var lines = Files.lines(log)) {
            lines.forEach(l -> {
                Matcher c = CONNECTED.matcher(l);
                if (c.find()) {
                    out.put(c.group(2), new Connectivity(Optional.of(true), time(c.group(1)), "broker log"));
                    return;
                }
                Matcher d = DISCONNECTED.matcher(l);
                if (d.find()) {
                    out.put(d.group(2), new Connectivity(Optional.of(false), time(d.group(1)), "broker log"));
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return out;
        }
        return out;
    }

    private static Optional<Instant> time(String s) {
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String deviceEndpoint() {
        return env.mqttHost();
    }

    @Override
    public int devicePort() {
        return env.mqttPort();
    }

    /** The local CA certificate devices trust. */
    public Path caCertificate() {
        return Path.of(env.caCertificate());
    }

    private LocalRegistry.Thing requireThing(String thing) {
        return registry.thing(thing).orElseThrow(() -> new FleetException(FleetError.UNKNOWN_THING,
                "no thing named " + thing + " in the local registry " + registry.file()));
    }

    private LocalRegistry.Certificate requireCertificate(String id) {
        return registry.certificate(id).orElseThrow(() -> new FleetException(FleetError.UNKNOWN_CERTIFICATE,
                "no certificate " + id));
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
    }
}
