package io.amsgrid.lambdas.rotation;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.VersionConflictException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RotationCloud} on AWS IoT: the control plane (DescribeThing, UpdateThing with
 * expectedVersion, ListThingPrincipals, CreateCertificateFromCsr, DescribeCertificate, AttachPolicy,
 * AttachThingPrincipal) and the data plane (Publish, QoS 1). The control plane uses the Apache 5
 * HTTP client: UpdateThing is an HTTP PATCH, which the URLConnection client cannot send; the data
 * plane (POST only) keeps the URLConnection client.
 */
public final class AwsRotationCloud implements RotationCloud {
    private final IotClient iot;
    private final IotDataPlaneClient data;

    public AwsRotationCloud(IotClient iot, IotDataPlaneClient data) {
        this.iot = iot;
        this.data = data;
    }

    /** Clients for the Lambda role; the data endpoint from settings or DescribeEndpoint (iot:Data-ATS). */
    public static AwsRotationCloud create(RotationSettings settings) {
        return create(settings, DefaultCredentialsProvider.builder().build());
    }

    public static AwsRotationCloud create(RotationSettings settings, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
        SdkHttpClient controlPlaneHttp = Apache5HttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
        Region region = Region.of(settings.region());
        var iotBuilder = IotClient.builder().region(region).credentialsProvider(credentials).httpClient(controlPlaneHttp);
        if (settings.iotEndpoint() != null) {
            iotBuilder.endpointOverride(settings.iotEndpoint());
        }
        IotClient iot = iotBuilder.build();
        URI dataEndpoint = settings.iotDataEndpoint() != null ? settings.iotDataEndpoint()
                : URI.create("https://" + iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS")).endpointAddress());
        IotDataPlaneClient data = IotDataPlaneClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http).endpointOverride(dataEndpoint).build();
        return new AwsRotationCloud(iot, data);
    }

    @Override
    public Optional<ThingState> describeThing(String thing) {
        try {
            DescribeThingResponse r = iot.describeThing(b -> b.thingName(thing));
            return Optional.of(new ThingState(r.attributes() == null ? Map.of() : r.attributes(), r.version()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean setAttribute(String thing, String name, String value, long expectedVersion) {
        try {
            iot.updateThing(b -> b.thingName(thing).expectedVersion(expectedVersion)
                    .attributePayload(p -> p.attributes(Map.of(name, value)).merge(true)));
            return true;
        } catch (VersionConflictException e) {
            return false;
        }
    }

    @Override
    public boolean principalAttached(String thing, String principal) {
        // certificate connections: principal() is the certificate id; attached principals are ARNs .../cert/<id>
        return iot.listThingPrincipalsPaginator(b -> b.thingName(thing)).principals().stream()
                .anyMatch(arn -> arn.endsWith(":cert/" + principal));
    }

    @Override
    public Issued createCertificateFromCsr(String csrPem) {
        CreateCertificateFromCsrResponse r = iot.createCertificateFromCsr(b -> b.certificateSigningRequest(csrPem)
                .setAsActive(true));
        return new Issued(r.certificateId(), r.certificateArn(), r.certificatePem());
    }

    @Override
    public String certificatePem(String certificateId) {
        return iot.describeCertificate(b -> b.certificateId(certificateId)).certificateDescription().certificatePem();
    }

    @Override
    public void attachPolicy(String policyName, String certificateArn) {
        iot.attachPolicy(b -> b.policyName(policyName).target(certificateArn));
    }

    @Override
    public void attachThingPrincipal(String thing, String certificateArn) {
        iot.attachThingPrincipal(b -> b.thingName(thing).principal(certificateArn));
    }

    @Override
    public void publish(String topic, byte[] payload) {
        data.publish(b -> b.topic(topic).qos(1).payload(SdkBytes.fromByteArray(payload)));
    }
}
