package io.amsgrid.fleet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS IoT control plane (registry, certificates, policies) and the shadow data plane as the
 * fleet tools use them: one interface, implemented against AWS ({@link AwsFleetControl}, SDK v2
 * {@code iot} + {@code iotdataplane}) and against the local stand-ins ({@link LocalFleetControl}).
 * Failures are {@link io.amsgrid.fleet.FleetException}s with a named reason.
 */
public interface FleetControl extends AutoCloseable {

    /** A page of thing names and the token for the next page (empty at the end). */
    record ThingPage(List<String> things, Optional<String> nextToken) {
    }

    /** A certificate made by the service; {@code privateKeyPem} only for CreateKeysAndCertificate. */
    record IssuedCertificate(String certificateId, String certificateArn, String certificatePem,
                             Optional<String> privateKeyPem) {
    }

    /** DescribeCertificate's fields that matter here. */
    record CertificateInfo(String certificateId, String status, Instant notAfter) {
    }

    /** Connected or not, when it last changed, where known. */
    record Connectivity(Optional<Boolean> connected, Optional<Instant> since, String source) {
        public static Connectivity unknown(String why) {
            return new Connectivity(Optional.empty(), Optional.empty(), why);
        }
    }

    void createThing(String thing, String thingType, Map<String, String> attributes);

    boolean thingExists(String thing);

    IssuedCertificate createCertificateFromCsr(String csrPem);

    IssuedCertificate createKeysAndCertificate();

    void attachPolicy(String policyName, IssuedCertificate certificate);

    void attachThingPrincipal(String thing, IssuedCertificate certificate);

    void addThingToGroup(String thing, String group);

    /** One page of things, of {@code group} or of the account when {@code group} is null. */
    ThingPage listThings(String group, String nextToken, int pageSize);

    /** Ids of the certificates attached to a thing. */
    List<String> thingCertificates(String thing);

    CertificateInfo describeCertificate(String certificateId);

    /** UpdateCertificate: ACTIVE, INACTIVE or REVOKED. */
    void updateCertificateStatus(String certificateId, String status);

    void detachThingPrincipal(String thing, String certificateId);

    void deleteCertificate(String certificateId);

    /** Merges {@code desired} into the shadow's desired state; returns the service's answer. */
    JsonNode updateDesired(String thing, ObjectNode desired);

    /** The thing's classic shadow document, if it has one. */
    Optional<JsonNode> getShadow(String thing);

    Connectivity connectivity(String thing);

    /** The MQTT endpoint devices connect to (host). */
    String deviceEndpoint();

    int devicePort();

    @Override
    void close();
}
