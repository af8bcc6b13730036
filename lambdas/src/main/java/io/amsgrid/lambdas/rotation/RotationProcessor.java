package io.amsgrid.lambdas.rotation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.rules.RotationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One rotation request (rule event, see {@link RotationRules}): checks that the connection may act
 * for the thing (client id = thing name, its certificate attached to the thing), checks the CSR,
 * issues an ACTIVE certificate with the device policy attached to the thing, and answers on
 * {@code amsgrid/rotation/<thing>/certificate}. Refusals are answered there too, as
 * {@code {requestId, error: {code, message}}}.
 *
 * <p>Idempotent per request: the thing attribute {@value #ATTRIBUTE} holds {@code <requestId>=PENDING@<epoch
 * seconds>} while a certificate is being issued (set with the thing's version, so two invocations
 * cannot both issue one) and {@code <requestId>=<certificateId>} after; the same request again is
 * answered with that certificate. An invocation that dies while PENDING leaves the attribute; after
 * {@link #PENDING_LEASE} a repeat of the request issues again (the first certificate, if any was made,
 * stays behind unused: see docs/operations.md). AWS errors are thrown (Lambda retries the event).
 */
public final class RotationProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RotationProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The thing attribute that records the last rotation request. */
    public static final String ATTRIBUTE = "rotationRequest";
    /** How long a PENDING mark holds off a repeat (longer than the function's timeout). */
    public static final Duration PENDING_LEASE = Duration.ofSeconds(90);
    private static final String THING_NAME = "[A-Za-z0-9_:.-]{1,128}";
    private static final String REQUEST_ID = "[A-Za-z0-9_.-]{1,64}";

    private final RotationCloud cloud;
    private final String devicePolicy;
    private final Clock clock;

    public RotationProcessor(RotationCloud cloud, String devicePolicy, Clock clock) {
        this.cloud = cloud;
        this.devicePolicy = devicePolicy;
        this.clock = clock;
    }

    public RotationOutcome process(Map<String, Object> event) {
        String thing = text(event, RotationRules.FIELD_THING);
        String requestId = text(event, RotationRules.FIELD_REQUEST_ID);
        if (thing == null || !thing.matches(THING_NAME)) {
            return RotationOutcome.rejected(null, requestId, RotationRejectReason.BAD_REQUEST, "no thing name in the topic");
        }
        RotationOutcome outcome = decide(event, thing, requestId);
        if (outcome.status() == RotationOutcome.Status.REJECTED) {
            LOG.warn("rotation {} for {} refused: {} ({})", requestId, thing, outcome.reason(), outcome.message());
            ObjectNode answer = JSON.createObjectNode().put("requestId", requestId);
            answer.putObject("error").put("code", outcome.reason().name()).put("message", outcome.message());
            publish(thing, answer);
        }
        return outcome;
    }

    private RotationOutcome decide(Map<String, Object> event, String thing, String requestId) {
        if (requestId == null || !requestId.matches(REQUEST_ID)) {
            return RotationOutcome.rejected(thing, requestId, RotationRejectReason.BAD_REQUEST,
                    "requestId must be 1-64 characters of A-Z a-z 0-9 _ . -");
        }
        String clientId = text(event, RotationRules.FIELD_CLIENT_ID);
        if (!thing.equals(clientId)) {
            return RotationOutcome.rejected(thing, requestId, RotationRejectReason.CLIENT_ID_MISMATCH,
                    "the connection's client id '" + clientId + "' is not the thing name " + thing);
        }
        String principal = text(event, RotationRules.FIELD_PRINCIPAL);
        Optional<RotationCloud.ThingState> state = cloud.describeThing(thing);
        if (principal == null || state.isEmpty() || !cloud.principalAttached(thing, principal)) {
            return RotationOutcome.rejected(thing, requestId, RotationRejectReason.NOT_ATTACHED,
                    "the connection's certificate is not attached to " + thing);
        }
        String csr = text(event, RotationRules.FIELD_CSR);
        if (csr == null) {
            return RotationOutcome.rejected(thing, requestId, RotationRejectReason.BAD_REQUEST, "csr (PEM) is missing");
        }
        try {
            CertificateRequest.parseFor(csr, thing);
        } catch (CertificateRequest.Refused r) {
            return RotationOutcome.rejected(thing, requestId, r.reason(), r.getMessage());
        }
        return issueOnce(thing, requestId, csr, state.get());
    }

    private RotationOutcome issueOnce(String thing, String requestId, String csr, RotationCloud.ThingState state) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String mark = state.attributes().get(ATTRIBUTE);
            if (mark != null && mark.startsWith(requestId + "=")) {
                String value = mark.substring(requestId.length() + 1);
                if (!value.startsWith("PENDING@")) {
                    answer(thing, requestId, value, cloud.certificatePem(value));
                    LOG.info("rotation {} for {} repeated: same certificate {}", requestId, thing, abbreviate(value));
                    return new RotationOutcome(RotationOutcome.Status.REPEATED, thing, requestId, value, null, null);
                }
                long since = Long.parseLong(value.substring("PENDING@".length()));
                if (clock.instant().getEpochSecond() - since < PENDING_LEASE.toSeconds()) {
                    return new RotationOutcome(RotationOutcome.Status.IN_PROGRESS, thing, requestId, null, null, null);
                }
            }
            String pending = requestId + "=PENDING@" + clock.instant().getEpochSecond();
            if (cloud.setAttribute(thing, ATTRIBUTE, pending, state.version())) {
                return issue(thing, requestId, csr, state.version() + 1);
            }
            state = cloud.describeThing(thing).orElseThrow(() -> new IllegalStateException(thing + " disappeared"));
        }
        return new RotationOutcome(RotationOutcome.Status.IN_PROGRESS, thing, requestId, null, null, null);
    }

    private RotationOutcome issue(String thing, String requestId, String csr, long version) {
        RotationCloud.Issued issued = cloud.createCertificateFromCsr(csr);
        cloud.attachPolicy(devicePolicy, issued.certificateArn());
        cloud.attachThingPrincipal(thing, issued.certificateArn());
        if (!cloud.setAttribute(thing, ATTRIBUTE, requestId + "=" + issued.certificateId(), version)) {
            LOG.warn("rotation {} for {}: the thing changed while issuing; certificate {} recorded anyway",
                    requestId, thing, abbreviate(issued.certificateId()));
            RotationCloud.ThingState now = cloud.describeThing(thing).orElseThrow();
            cloud.setAttribute(thing, ATTRIBUTE, requestId + "=" + issued.certificateId(), now.version());
        }
        answer(thing, requestId, issued.certificateId(), issued.certificatePem());
        LOG.info("rotation {} for {}: certificate {} issued and attached", requestId, thing,
                abbreviate(issued.certificateId()));
        return new RotationOutcome(RotationOutcome.Status.ISSUED, thing, requestId, issued.certificateId(), null, null);
    }

    private void answer(String thing, String requestId, String certificateId, String pem) {
        publish(thing, JSON.createObjectNode().put("requestId", requestId).put("certificateId", certificateId)
                .put("certificatePem", pem));
    }

    private void publish(String thing, ObjectNode body) {
        try {
            cloud.publish(RotationRules.answerTopic(thing), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Map<String, Object> event, String field) {
        Object v = event.get(field);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
