package io.amsgrid.fleet.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.fleet.testing.RecordedAws;
import io.amsgrid.fleet.testing.RecordedAws.Response;
import io.amsgrid.lambdas.rotation.AwsRotationCloud;
import io.amsgrid.lambdas.rotation.RotationOutcome;
import io.amsgrid.lambdas.rotation.RotationProcessor;
import io.amsgrid.lambdas.rotation.RotationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AwsRotationCloud} and the {@link RotationProcessor} on it, with the real SDK v2 clients
 * (from the production factory: Apache 5 for the control plane, whose UpdateThing is a PATCH)
 * against recorded responses shaped as the AWS IoT API Reference documents them (DescribeThing,
 * UpdateThing with expectedVersion and its VersionConflictException, ListThingPrincipals with
 * nextToken, CreateCertificateFromCsr, DescribeCertificate, AttachPolicy, AttachThingPrincipal,
 * iot-data Publish); asserts the HTTP requests the SDK sends.
 */
class AwsRotationCloudIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String OLD_ID = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
    private static final String NEW_ID = "7e4a3b1c9d8f2e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a";
    private static final String ARN = "arn:aws:iot:eu-north-1:" + ACCOUNT + ":cert/";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIU\\n-----END CERTIFICATE-----\\n";
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final String ANSWER_PATH = "/topics/amsgrid%2Frotation%2Fgw-0001%2Fcertificate";

    RecordedAws aws;
    AwsRotationCloud cloud;
    RotationProcessor processor;

    @BeforeEach
    void start() throws Exception {
        aws = new RecordedAws();
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        // the production factory (its HTTP clients), pointed at the recording server
        cloud = AwsRotationCloud.create(new RotationSettings("amsgrid-device", "eu-north-1", aws.endpoint(),
                aws.endpoint()), creds);
        processor = new RotationProcessor(cloud, "amsgrid-device", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void process_newRequest_issuesAttachesRecordsAndAnswers() throws Exception {
        aws.on("GET /things/gw-0001", Response.ok(thing(3, "")));
        aws.on("GET /things/gw-0001/principals", Response.ok("{\"principals\":[\"" + ARN + OLD_ID + "\"]}"));
        aws.on("PATCH /things/gw-0001", Response.ok("{}"));
        aws.on("POST /certificates", Response.ok("""
                {"certificateArn":"%s%s","certificateId":"%s","certificatePem":"%s"}""".formatted(ARN, NEW_ID, NEW_ID, PEM)));
        aws.on("PUT /target-policies/amsgrid-device", Response.ok(""));
        aws.on("PUT /things/gw-0001/principals", Response.ok("{}"));
        aws.on("POST " + ANSWER_PATH, Response.ok(""));

        RotationOutcome o = processor.process(event("r-1", OLD_ID, "gw-0001"));

        assertThat(o.status()).isEqualTo(RotationOutcome.Status.ISSUED);
        assertThat(o.certificateId()).isEqualTo(NEW_ID);
        List<RecordedAws.Request> updates = aws.requests("PATCH", "/things/gw-0001");
        assertThat(updates).hasSize(2);
        JsonNode pending = JSON.readTree(updates.get(0).body());
        assertThat(pending.path("expectedVersion").asLong()).isEqualTo(3);
        assertThat(pending.path("attributePayload").path("merge").asBoolean()).isTrue();
        assertThat(pending.path("attributePayload").path("attributes").path(RotationProcessor.ATTRIBUTE).asText())
                .isEqualTo("r-1=PENDING@" + NOW.getEpochSecond());
        JsonNode done = JSON.readTree(updates.get(1).body());
        assertThat(done.path("expectedVersion").asLong()).isEqualTo(4);
        assertThat(done.path("attributePayload").path("attributes").path(RotationProcessor.ATTRIBUTE).asText())
                .isEqualTo("r-1=" + NEW_ID);
        RecordedAws.Request create = aws.requests("POST", "/certificates").getFirst();
        assertThat(create.query()).isEqualTo("setAsActive=true");
        assertThat(JSON.readTree(create.body()).path("certificateSigningRequest").asText())
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(JSON.readTree(aws.requests("PUT", "/target-policies/amsgrid-device").getFirst().body())
                .path("target").asText()).isEqualTo(ARN + NEW_ID);
        assertThat(aws.requests("PUT", "/things/gw-0001/principals").getFirst().principal()).isEqualTo(ARN + NEW_ID);
        RecordedAws.Request answer = aws.requests("POST", ANSWER_PATH).getFirst();
        assertThat(answer.query()).isEqualTo("qos=1");
        JsonNode a = JSON.readTree(answer.body());
        assertThat(a.path("requestId").asText()).isEqualTo("r-1");
        assertThat(a.path("certificateId").asText()).isEqualTo(NEW_ID);
        assertThat(a.path("certificatePem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void process_repeatedRequest_answersTheRecordedCertificateWithoutCreating() throws Exception {
        aws.on("GET /things/gw-0001", Response.ok(thing(5, "r-1=" + NEW_ID)));
        aws.on("GET /things/gw-0001/principals", Response.ok("{\"principals\":[\"" + ARN + OLD_ID + "\"]}"));
        aws.on("GET /certificates/" + NEW_ID, Response.ok("""
                {"certificateDescription":{"certificateArn":"%s%s","certificateId":"%s","status":"ACTIVE",
                 "certificatePem":"%s","ownedBy":"%s","creationDate":1.7640576E9}}""".formatted(ARN, NEW_ID, NEW_ID, PEM, ACCOUNT)));
        aws.on("POST " + ANSWER_PATH, Response.ok(""));

        RotationOutcome o = processor.process(event("r-1", OLD_ID, "gw-0001"));

        assertThat(o.status()).isEqualTo(RotationOutcome.Status.REPEATED);
        assertThat(aws.requests("POST", "/certificates")).isEmpty();
        assertThat(aws.requests("PATCH", "/things/gw-0001")).isEmpty();
        assertThat(JSON.readTree(aws.requests("POST", ANSWER_PATH).getFirst().body()).path("certificateId").asText())
                .isEqualTo(NEW_ID);
    }

    @Test
    void process_certificateOfAnotherThing_isNotAttachedAfterReadingEveryPage() throws Exception {
        aws.on("GET /things/gw-0001", Response.ok(thing(3, "")));
        aws.on("GET /things/gw-0001/principals",
                Response.ok("{\"principals\":[\"" + ARN + NEW_ID + "\"],\"nextToken\":\"page2\"}"),
                Response.ok("{\"principals\":[\"" + ARN + "0000\"]}"));
        aws.on("POST " + ANSWER_PATH, Response.ok(""));

        RotationOutcome o = processor.process(event("r-2", OLD_ID, "gw-0001"));

        assertThat(o.status()).isEqualTo(RotationOutcome.Status.REJECTED);
        assertThat(o.reason().name()).isEqualTo("NOT_ATTACHED");
        assertThat(aws.requests("GET", "/things/gw-0001/principals")).extracting(RecordedAws.Request::query)
                .anySatisfy(q -> assertThat(q).contains("nextToken=page2"));
        assertThat(aws.requests("POST", "/certificates")).isEmpty();
        assertThat(JSON.readTree(aws.requests("POST", ANSWER_PATH).getFirst().body()).path("error").path("code").asText())
                .isEqualTo("NOT_ATTACHED");
    }

    @Test
    void setAttribute_versionConflict_isFalse_describeThing_missing_isEmpty() {
        aws.on("PATCH /things/gw-0001", new Response(409, "VersionConflictException",
                "{\"message\":\"The version for thing gw-0001 does not match the expected version.\"}"));
        aws.on("GET /things/gw-9999", new Response(404, "ResourceNotFoundException",
                "{\"message\":\"Thing gw-9999 cannot be found.\"}"));

        assertThat(cloud.setAttribute("gw-0001", RotationProcessor.ATTRIBUTE, "r=PENDING@1", 7)).isFalse();
        assertThat(cloud.describeThing("gw-9999")).isEmpty();
    }

    private static String thing(long version, String rotationAttribute) {
        String attrs = rotationAttribute.isEmpty() ? "{\"serial\":\"gw-0001\"}"
                : "{\"serial\":\"gw-0001\",\"" + RotationProcessor.ATTRIBUTE + "\":\"" + rotationAttribute + "\"}";
        return """
                {"defaultClientId":"gw-0001","thingName":"gw-0001","thingId":"3f9a1c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
                 "thingArn":"arn:aws:iot:eu-north-1:%s:thing/gw-0001","thingTypeName":"amsgrid-gateway",
                 "attributes":%s,"version":%d}""".formatted(ACCOUNT, attrs, version);
    }

    private static Map<String, Object> event(String requestId, String principal, String clientId) {
        return Map.of("requestId", requestId, "csr", DeviceKeys.generate().csrPem("gw-0001"),
                "thingName", "gw-0001", "principal", principal, "clientId", clientId);
    }
}
