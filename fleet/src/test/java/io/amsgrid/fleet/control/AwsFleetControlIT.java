package io.amsgrid.fleet.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.ops.SetInterval;
import io.amsgrid.fleet.ops.Targets;
import io.amsgrid.fleet.testing.RecordedAws;
import io.amsgrid.fleet.testing.RecordedAws.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AwsFleetControl} with the real SDK v2 clients against recorded responses shaped as the AWS
 * IoT API Reference documents them (CreateThing, CreateCertificateFromCsr, AttachPolicy,
 * AttachThingPrincipal, AddThingToThingGroup, ListThingsInThingGroup with nextToken,
 * DescribeCertificate, UpdateCertificate, DeleteCertificate, UpdateThingShadow, GetThingShadow,
 * ThrottlingException); asserts the HTTP requests the SDK sends.
 */
class AwsFleetControlIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String CERT_ID = "7e4a3b1c9d8f2e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a";
    private static final String CERT_ARN = "arn:aws:iot:eu-north-1:" + ACCOUNT + ":cert/" + CERT_ID;
    private static final String PEM = "-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIU\\n-----END CERTIFICATE-----\\n";

    RecordedAws aws;
    AwsFleetControl control;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        aws = new RecordedAws();
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        IotClient iot = IotClient.builder().endpointOverride(aws.endpoint()).region(Region.EU_NORTH_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        IotDataPlaneClient data = IotDataPlaneClient.builder().endpointOverride(aws.endpoint()).region(Region.EU_NORTH_1)
                .credentialsProvider(creds).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        control = new AwsFleetControl(iot, data, "a1b2c3d4e5f6g7-ats.iot.eu-north-1.amazonaws.com");
    }

    @AfterEach
    void stop() {
        control.close();
        aws.close();
    }

    @Test
    void register_thingCertificatePolicyGroup_sendsDocumentedRequests() throws Exception {
        aws.on("POST /things/gw-0001", Response.ok("""
                {"thingName":"gw-0001","thingArn":"arn:aws:iot:eu-north-1:%s:thing/gw-0001",
                 "thingId":"3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"}""".formatted(ACCOUNT)));
        aws.on("POST /certificates", Response.ok("""
                {"certificateArn":"%s","certificateId":"%s","certificatePem":"%s"}""".formatted(CERT_ARN, CERT_ID, PEM)));
        aws.on("PUT /target-policies/amsgrid-device", Response.ok(""));
        aws.on("PUT /things/gw-0001/principals", Response.ok("{}"));
        aws.on("PUT /thing-groups/addThingToThingGroup", Response.ok("{}"));

        control.createThing("gw-0001", "amsgrid-gateway", Map.of("serial", "gw-0001"));
        FleetControl.IssuedCertificate c = control.createCertificateFromCsr("-----BEGIN CERTIFICATE REQUEST-----\nx\n");
        control.attachPolicy("amsgrid-device", c);
        control.attachThingPrincipal("gw-0001", c);
        control.addThingToGroup("gw-0001", "amsgrid-fleet");

        assertThat(c.certificateId()).isEqualTo(CERT_ID);
        assertThat(c.certificateArn()).isEqualTo(CERT_ARN);
        assertThat(c.privateKeyPem()).isEmpty();
        var create = aws.requests("POST", "/things/gw-0001").getFirst();
        assertThat(JSON.readTree(create.body()).path("thingTypeName").asText()).isEqualTo("amsgrid-gateway");
        assertThat(JSON.readTree(create.body()).path("attributePayload").path("attributes").path("serial").asText())
                .isEqualTo("gw-0001");
        var csr = aws.requests("POST", "/certificates").getFirst();
        assertThat(csr.query()).isEqualTo("setAsActive=true");
        assertThat(JSON.readTree(csr.body()).path("certificateSigningRequest").asText()).startsWith("-----BEGIN CERTIFICATE REQUEST");
        assertThat(JSON.readTree(aws.requests("PUT", "/target-policies/amsgrid-device").getFirst().body())
                .path("target").asText()).isEqualTo(CERT_ARN);
        assertThat(aws.requests("PUT", "/things/gw-0001/principals").getFirst().principal()).isEqualTo(CERT_ARN);
        var group = JSON.readTree(aws.requests("PUT", "/thing-groups/addThingToThingGroup").getFirst().body());
        assertThat(group.path("thingGroupName").asText()).isEqualTo("amsgrid-fleet");
        assertThat(group.path("thingName").asText()).isEqualTo("gw-0001");
    }

    @Test
    void setInterval_groupOverTwoPages_updatesEveryShadowAndSeesReports() throws Exception {
        aws.on("GET /thing-groups/amsgrid-fleet/things",
                Response.ok("{\"things\":[\"gw-0001\",\"gw-0002\"],\"nextToken\":\"AAEAAQ-page2\"}"),
                Response.ok("{\"things\":[\"gw-0003\"]}"));
        for (String t : new String[] {"gw-0001", "gw-0002", "gw-0003"}) {
            aws.on("POST /things/" + t + "/shadow", Response.ok("""
                    {"state":{"desired":{"sendIntervalMinutes":5}},
                     "metadata":{"desired":{"sendIntervalMinutes":{"timestamp":1764050000}}},
                     "version":7,"timestamp":1764050000}"""));
            aws.on("GET /things/" + t + "/shadow", Response.ok("""
                    {"state":{"desired":{"sendIntervalMinutes":5},"reported":{"sendIntervalMinutes":5,
                      "status":{"outboxDepth":0,"rejects":2,"lastPublish":"2026-11-25T06:00:00Z"}}},
                     "metadata":{"desired":{"sendIntervalMinutes":{"timestamp":1764050000}},
                                 "reported":{"sendIntervalMinutes":{"timestamp":1764050003}}},
                     "version":8,"timestamp":1764050010}"""));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SetInterval.Summary s = SetInterval.run(control, new Targets.Group("amsgrid-fleet"), 5, 50,
                dir.resolve("progress"), Duration.ofSeconds(5), new PrintStream(err), true);

        assertThat(s.updated()).isEqualTo(3);
        assertThat(s.notReported()).isEmpty();
        var pages = aws.requests("GET", "/thing-groups/amsgrid-fleet/things");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).query()).isEqualTo("maxResults=250");
        assertThat(pages.get(1).query()).contains("nextToken=AAEAAQ-page2");
        var update = aws.requests("POST", "/things/gw-0003/shadow").getFirst();
        assertThat(JSON.readTree(update.body())).isEqualTo(JSON.readTree("{\"state\":{\"desired\":{\"sendIntervalMinutes\":5}}}"));
        assertThat(err.toString()).contains("3/3");
    }

    @Test
    void updateDesired_throttledTwiceThenAccepted_retriedBySdk() {
        aws.on("POST /things/gw-0001/shadow",
                new Response(429, "ThrottlingException", "{\"message\":\"Rate exceeded\"}"),
                new Response(429, "ThrottlingException", "{\"message\":\"Rate exceeded\"}"),
                Response.ok("{\"state\":{\"desired\":{\"sendIntervalMinutes\":10}},\"version\":2,\"timestamp\":1764050000}"));
        var answer = control.updateDesired("gw-0001", JSON.createObjectNode().put("sendIntervalMinutes", 10));
        assertThat(answer.path("version").asInt()).isEqualTo(2);
        assertThat(aws.requests("POST", "/things/gw-0001/shadow")).hasSize(3);
    }

    @Test
    void updateDesired_alwaysThrottled_throttledReasonAfterRetries() {
        aws.on("POST /things/gw-0001/shadow", new Response(429, "ThrottlingException", "{\"message\":\"Rate exceeded\"}"));
        assertThatThrownBy(() -> control.updateDesired("gw-0001", JSON.createObjectNode().put("sendIntervalMinutes", 10)))
                .isInstanceOf(FleetException.class).hasMessageContaining("throttled")
                .extracting(e -> ((FleetException) e).reason()).isEqualTo(FleetError.THROTTLED);
    }

    @Test
    void getShadow_noShadow_empty() {
        aws.on("GET /things/gw-0009/shadow", new Response(404, "ResourceNotFoundException",
                "{\"code\":404,\"message\":\"No shadow exists with name: 'gw-0009'\"}"));
        assertThat(control.getShadow("gw-0009")).isEmpty();
    }

    @Test
    void certificateLifecycle_describeDeactivateDelete_documentedPathsAndExpiry() {
        aws.on("GET /certificates/" + CERT_ID, Response.ok("""
                {"certificateDescription":{"certificateArn":"%s","certificateId":"%s","caCertificateId":null,
                 "status":"ACTIVE","certificatePem":"%s","ownedBy":"%s","creationDate":1764000000.0,
                 "lastModifiedDate":1764000000.0,"customerVersion":1,"transferData":{},
                 "generationId":"a1b2c3d4-0000-4000-8000-000000000001",
                 "validity":{"notBefore":1764000000.0,"notAfter":2524607999.0},"certificateMode":"DEFAULT"}}"""
                .formatted(CERT_ARN, CERT_ID, PEM, ACCOUNT)));
        aws.on("PUT /certificates/" + CERT_ID, Response.ok(""));
        aws.on("DELETE /certificates/" + CERT_ID, Response.ok(""));

        FleetControl.CertificateInfo info = control.describeCertificate(CERT_ID);
        control.updateCertificateStatus(CERT_ID, "INACTIVE");
        control.deleteCertificate(CERT_ID);

        assertThat(info.status()).isEqualTo("ACTIVE");
        assertThat(info.notAfter()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(aws.requests("PUT", "/certificates/" + CERT_ID).getFirst().query()).isEqualTo("newStatus=INACTIVE");
        assertThat(aws.requests("DELETE", "/certificates/" + CERT_ID)).hasSize(1);
    }

    @Test
    void describeCertificate_unknown_namedReason() {
        aws.on("GET /certificates/nope", new Response(404, "ResourceNotFoundException",
                "{\"message\":\"The certificate nope does not exist\"}"));
        assertThatThrownBy(() -> control.describeCertificate("nope")).isInstanceOf(FleetException.class)
                .hasMessageContaining("not found").hasMessageNotContaining("\n");
    }
}
