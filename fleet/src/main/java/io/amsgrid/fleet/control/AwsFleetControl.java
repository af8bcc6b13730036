package io.amsgrid.fleet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.iot.model.ListThingsInThingGroupResponse;
import software.amazon.awssdk.services.iot.model.ListThingsResponse;
import software.amazon.awssdk.services.iot.model.SearchIndexResponse;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link FleetControl} on AWS: the SDK v2 {@code IotClient} (control plane) and
 * {@code IotDataPlaneClient} (shadows). Connectivity comes from fleet indexing
 * ({@code SearchIndex} on {@code AWS_Things}, field {@code connectivity}) when it is on; otherwise
 * it is reported unknown. SDK errors become {@link FleetException}s: not found, throttled (after the
 * SDK's own retries), missing credentials.
 */
public final class AwsFleetControl implements FleetControl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IotClient iot;
    private final IotDataPlaneClient data;
    private final String endpoint;

    public AwsFleetControl(IotClient iot, IotDataPlaneClient data, String deviceEndpoint) {
        this.iot = iot;
        this.data = data;
        this.endpoint = deviceEndpoint;
    }

    @Override
    public void createThing(String thing, String thingType, Map<String, String> attributes) {
        call("create thing " + thing, () -> iot.createThing(b -> b.thingName(thing).thingTypeName(thingType)
                .attributePayload(a -> a.attributes(attributes).merge(true))));
    }

    @Override
    public boolean thingExists(String thing) {
        try {
            iot.describeThing(b -> b.thingName(thing));
            return true;
        } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw translate("describe thing " + thing, e);
        }
    }

    @Override
    public IssuedCertificate createCertificateFromCsr(String csrPem) {
        var r = call("create certificate from CSR", () -> iot.createCertificateFromCsr(b -> b
                .certificateSigningRequest(csrPem).setAsActive(true)));
        return new IssuedCertificate(r.certificateId(), r.certificateArn(), r.certificatePem(), Optional.empty());
    }

    @Override
    public IssuedCertificate createKeysAndCertificate() {
        var r = call("create keys and certificate", () -> iot.createKeysAndCertificate(b -> b.setAsActive(true)));
        return new IssuedCertificate(r.certificateId(), r.certificateArn(), r.certificatePem(),
                Optional.of(r.keyPair().privateKey()));
    }

    @Override
    public void attachPolicy(String policyName, IssuedCertificate certificate) {
        call("attach policy " + policyName, () -> iot.attachPolicy(b -> b.policyName(policyName)
                .target(certificate.certificateArn())));
    }

    @Override
    public void attachThingPrincipal(String thing, IssuedCertificate certificate) {
        call("attach certificate to " + thing, () -> iot.attachThingPrincipal(b -> b.thingName(thing)
                .principal(certificate.certificateArn())));
    }

    @Override
    public void addThingToGroup(String thing, String group) {
        call("add " + thing + " to group " + group, () -> iot.addThingToThingGroup(b -> b.thingName(thing)
                .thingGroupName(group)));
    }

    @Override
    public ThingPage listThings(String group, String nextToken, int pageSize) {
        if (group != null) {
            ListThingsInThingGroupResponse r = call("list things of group " + group, () ->
                    iot.listThingsInThingGroup(b -> b.thingGroupName(group).maxResults(pageSize).nextToken(nextToken)));
            return new ThingPage(r.things(), Optional.ofNullable(r.nextToken()));
        }
        ListThingsResponse r = call("list things", () -> iot.listThings(b -> b.maxResults(pageSize).nextToken(nextToken)));
        return new ThingPage(r.things().stream().map(ThingAttribute::thingName).toList(),
                Optional.ofNullable(r.nextToken()));
    }

    @Override
    public List<String> thingCertificates(String thing) {
        var r = call("list certificates of " + thing, () -> iot.listThingPrincipals(b -> b.thingName(thing)));
        return r.principals().stream().filter(p -> p.contains(":cert/"))
                .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
    }

    @Override
    public CertificateInfo describeCertificate(String certificateId) {
        DescribeCertificateResponse r = call("describe certificate " + certificateId, () ->
                iot.describeCertificate(b -> b.certificateId(certificateId)));
        var d = r.certificateDescription();
        Instant notAfter = d.validity() == null ? null : d.validity().notAfter();
        return new CertificateInfo(d.certificateId(), d.statusAsString(), notAfter);
    }

    @Override
    public void updateCertificateStatus(String certificateId, String status) {
        call("set certificate " + certificateId + " " + status, () -> iot.updateCertificate(b -> b
                .certificateId(certificateId).newStatus(CertificateStatus.fromValue(status))));
    }

    @Override
    public void detachThingPrincipal(String thing, String certificateId) {
        String arn = call("describe certificate " + certificateId, () ->
                iot.describeCertificate(b -> b.certificateId(certificateId))).certificateDescription().certificateArn();
        call("detach certificate from " + thing, () -> iot.detachThingPrincipal(b -> b.thingName(thing).principal(arn)));
    }

    @Override
    public void deleteCertificate(String certificateId) {
        call("delete certificate " + certificateId, () -> iot.deleteCertificate(b -> b.certificateId(certificateId)));
    }

    @Override
    public JsonNode updateDesired(String thing, ObjectNode desired) {
        ObjectNode req = JSON.createObjectNode();
        req.putObject("state").set("desired", desired);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(req);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var r = call("update shadow of " + thing, () -> data.updateThingShadow(b -> b.thingName(thing)
                .payload(SdkBytes.fromByteArray(body))));
        return parse(r.payload());
    }

    @Override
    public Optional<JsonNode> getShadow(String thing) {
        try {
            return Optional.of(parse(data.getThingShadow(b -> b.thingName(thing)).payload()));
        } catch (software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw translate("get shadow of " + thing, e);
        }
    }

    @Override
    public Connectivity connectivity(String thing) {
        try {
            SearchIndexResponse r = iot.searchIndex(b -> b.indexName("AWS_Things").queryString("thingName:" + thing));
            if (r.things().isEmpty() || r.things().getFirst().connectivity() == null) {
                return Connectivity.unknown("fleet indexing has no connectivity for " + thing);
            }
            var c = r.things().getFirst().connectivity();
            return new Connectivity(Optional.ofNullable(c.connected()),
                    Optional.ofNullable(c.timestamp()).map(Instant::ofEpochMilli), "fleet indexing");
        } catch (software.amazon.awssdk.services.iot.model.IndexNotReadyException
                 | software.amazon.awssdk.services.iot.model.ResourceNotFoundException e) {
            return Connectivity.unknown("fleet indexing is off");
        } catch (SdkException e) {
            throw translate("search index for " + thing, e);
        }
    }

    @Override
    public String deviceEndpoint() {
        return endpoint;
    }

    @Override
    public int devicePort() {
        return 8883;
    }

    private static JsonNode parse(SdkBytes b) {
        try {
            return JSON.readTree(b.asByteArray());
        } catch (IOException e) {
            throw new FleetException(FleetError.SERVICE, "the shadow answer is not JSON");
        }
    }

    private static <T> T call(String what, Supplier<T> s) {
        try {
            return s.get();
        } catch (SdkException e) {
            throw translate(what, e);
        }
    }

    /** Maps an SDK failure to a named reason with a one-line message. */
    public static FleetException translate(String what, SdkException e) {
        if (e instanceof software.amazon.awssdk.services.iot.model.ResourceNotFoundException
                || e instanceof software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException) {
            return new FleetException(FleetError.UNKNOWN_THING, what + ": not found (" + firstLine(e) + ")", e);
        }
        if (e instanceof SdkServiceException se && se.isThrottlingException()) {
            return new FleetException(FleetError.THROTTLED, what + ": throttled by AWS after retries; lower --rate "
                    + "or try again later", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
            return new FleetException(FleetError.MISSING_CREDENTIALS, what + ": no AWS credentials (set AWS_PROFILE "
                    + "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use --local DIR)", e);
        }
        return new FleetException(FleetError.SERVICE, what + ": " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        iot.close();
        data.close();
    }
}
