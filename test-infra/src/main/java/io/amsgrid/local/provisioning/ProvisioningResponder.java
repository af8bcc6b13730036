package io.amsgrid.local.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalMqttClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in of the AWS IoT fleet provisioning MQTT API (AWS IoT Developer Guide, "Device
 * provisioning MQTT API"), JSON payload format only:
 * <ul>
 *   <li>{@code $aws/certificates/create-from-csr/json} with {@code {"certificateSigningRequest": PEM}}
 *       &rarr; {@code .../accepted} {@code {"certificateId", "certificatePem", "certificateOwnershipToken"}};
 *       the certificate is signed by the local CA and starts {@code PENDING_ACTIVATION};</li>
 *   <li>{@code $aws/provisioning-templates/<template>/provision/json} with
 *       {@code {"certificateOwnershipToken", "parameters": {...}}} &rarr; {@code .../accepted}
 *       {@code {"deviceConfiguration": {}, "thingName"}}: runs the template (thing named by the
 *       serial parameter, its type and group, certificate ACTIVE and attached, policy noted);</li>
 *   <li>errors go to {@code .../rejected} as {@code {"statusCode", "errorCode", "errorMessage"}}
 *       ({@code 400 InvalidPayload}, {@code 400 InvalidCertificateOwnershipToken},
 *       {@code 404 ResourceNotFound} for an unknown template).</li>
 * </ul>
 * An ownership token is valid for one hour and for one RegisterThing. Unlike AWS, responses are
 * published on the topic, so any subscriber (not only the requesting connection) sees them; and
 * {@code CreateKeysAndCertificate} is not provided (the key must stay on the device).
 */
public final class ProvisioningResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningResponder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROVISION = Pattern.compile("\\$aws/provisioning-templates/([^/]+)/provision/json");
    private static final String CREATE = "$aws/certificates/create-from-csr/json";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** What a provisioning template does (the CDK app's {@code DeviceSecurity} template). */
    public record Template(String name, String serialParameter, String thingType, String thingGroup,
                           String policyName) {
    }

    private record Pending(String certificateId, Instant expires) {
    }

    private final LocalMqttClient client;
    private final LocalRegistry registry;
    private final LocalCsrSigner signer;
    private final Map<String, Template> templates;
    private final Map<String, Pending> tokens = new ConcurrentHashMap<>();
    private final List<String> seenPayloads = new CopyOnWriteArrayList<>();

    private ProvisioningResponder(LocalMqttClient client, LocalRegistry registry, LocalCsrSigner signer,
                                  List<Template> templates) {
        this.client = client;
        this.registry = registry;
        this.signer = signer;
        this.templates = new ConcurrentHashMap<>();
        templates.forEach(t -> this.templates.put(t.name(), t));
    }

    /** Connects to the broker with its own certificate and answers provisioning requests. */
    public static ProvisioningResponder start(LocalBroker broker, LocalRegistry registry, Duration certificateValidity,
                                              List<Template> templates) {
        LocalMqttClient c = LocalMqttClient.connect(broker, broker.ca().issueClient("amsgrid-provisioning"),
                "amsgrid-provisioning", false);
        ProvisioningResponder r = new ProvisioningResponder(c, registry,
                new LocalCsrSigner(broker.ca().caCertificate(), certificateValidity), templates);
        c.onMessage(r::handle);
        c.subscribe(CREATE);
        c.subscribe("$aws/provisioning-templates/+/provision/json");
        return r;
    }

    /** Every request payload received (tests assert that no private key was ever sent). */
    public List<String> seenPayloads() {
        return List.copyOf(seenPayloads);
    }

    private void handle(LocalMqttClient.Message m) {
        String body = new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8);
        seenPayloads.add(body);
        JsonNode req;
        try {
            req = JSON.readTree(m.payload());
        } catch (IOException e) {
            req = null;
        }
        if (m.topic().equals(CREATE)) {
            createFromCsr(req);
            return;
        }
        Matcher t = PROVISION.matcher(m.topic());
        if (t.matches()) {
            register(t.group(1), req, m.topic());
        }
    }

    private void createFromCsr(JsonNode req) {
        String reply = CREATE;
        if (req == null || !req.path("certificateSigningRequest").isTextual()) {
            reject(reply, 400, "InvalidPayload", "certificateSigningRequest is required");
            return;
        }
        LocalCsrSigner.Signed s;
        try {
            s = signer.sign(req.get("certificateSigningRequest").asText());
        } catch (IllegalArgumentException e) {
            reject(reply, 400, "InvalidCsr", e.getMessage());
            return;
        }
        registry.putCertificate(new LocalRegistry.Certificate(s.certificateId(), "PENDING_ACTIVATION",
                s.certificatePem(), s.notBefore().getEpochSecond(), s.notAfter().getEpochSecond(), LocalRegistry.now()));
        String token = UUID.randomUUID().toString() + UUID.randomUUID();
        tokens.put(token, new Pending(s.certificateId(), Instant.now().plus(TOKEN_LIFETIME)));
        ObjectNode out = JSON.createObjectNode().put("certificateId", s.certificateId())
                .put("certificatePem", s.certificatePem()).put("certificateOwnershipToken", token);
        publish(reply + "/accepted", out);
        LOG.info("certificate {} created from a CSR (PENDING_ACTIVATION)", s.certificateId().substring(0, 12));
    }

    private void register(String templateName, JsonNode req, String topic) {
        Template t = templates.get(templateName);
        if (t == null) {
            reject(topic, 404, "ResourceNotFound", "Provisioning template " + templateName + " does not exist");
            return;
        }
        if (req == null || !req.path("certificateOwnershipToken").isTextual()) {
            reject(topic, 400, "InvalidPayload", "certificateOwnershipToken is required");
            return;
        }
        Pending p = tokens.remove(req.get("certificateOwnershipToken").asText());
        if (p == null || p.expires().isBefore(Instant.now())) {
            reject(topic, 400, "InvalidCertificateOwnershipToken", "The certificate ownership token is invalid");
            return;
        }
        String serial = req.path("parameters").path(t.serialParameter()).asText("");
        if (!serial.matches("[A-Za-z0-9_:.-]{1,128}")) {
            reject(topic, 400, "InvalidPayload", "parameter " + t.serialParameter() + " is missing or not a thing name");
            return;
        }
        registry.upsertThing(serial, t.thingType(), List.of(t.thingGroup()), Map.of("serial", serial));
        registry.setStatus(p.certificateId(), "ACTIVE");
        registry.attach(serial, p.certificateId());
        ObjectNode out = JSON.createObjectNode();
        out.putObject("deviceConfiguration");
        out.put("thingName", serial);
        publish(topic + "/accepted", out);
        LOG.info("thing {} registered by template {}", serial, templateName);
    }

    private void reject(String requestTopic, int status, String code, String message) {
        publish(requestTopic + "/rejected", JSON.createObjectNode().put("statusCode", status).put("errorCode", code)
                .put("errorMessage", message));
    }

    private void publish(String topic, JsonNode body) {
        try {
            client.publish(topic, JSON.writeValueAsBytes(body));
        } catch (IOException | RuntimeException e) {
            LOG.warn("provisioning responder could not publish on {}: {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
