package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.DeviceSecurity;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The device policy: each statement's exact actions and resources, and what a device connected as
 * one thing may and may not do (evaluated the way AWS IoT does: the thing-name variable substituted,
 * {@code *} matching any characters).
 */
class DevicePolicyTest {
    private static final String ARN = "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:";
    private static final String THING = "${iot:Connection.Thing.ThingName}";

    private static Template direct;
    private static Template basic;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
        basic = Synthesized.of(Synthesized.BASIC_BATCHED).template();
    }

    @Test
    void devicePolicy_direct_hasExactlyTheseStatements() {
        List<Map<String, Object>> statements = statements(direct, DeviceSecurity.DEVICE_POLICY);
        assertThat(statements).extracting(s -> s.get("Sid")).containsExactly("Connect", "Publish", "Subscribe", "Receive");
        assertThat(statement(statements, "Connect")).containsEntry("Action", List.of("iot:Connect"));
        assertThat(resources(statement(statements, "Connect"))).containsExactly(ARN + "client/" + THING);
        assertThat(statement(statements, "Publish")).containsEntry("Action", List.of("iot:Publish"));
        assertThat(resources(statement(statements, "Publish"))).containsExactly(
                ARN + "topic/avg/" + THING, ARN + "topic/hr/" + THING, ARN + "topic/pf/" + THING,
                ARN + "topic/raw/" + THING,
                ARN + "topic/$aws/things/" + THING + "/shadow/get",
                ARN + "topic/$aws/things/" + THING + "/shadow/update",
                ARN + "topic/$aws/things/" + THING + "/shadow/delete",
                ARN + "topic/amsgrid/rotation/" + THING + "/csr");
        assertThat(statement(statements, "Subscribe")).containsEntry("Action", List.of("iot:Subscribe"));
        assertThat(resources(statement(statements, "Subscribe"))).containsExactly(
                ARN + "topicfilter/$aws/things/" + THING + "/shadow/get/*",
                ARN + "topicfilter/$aws/things/" + THING + "/shadow/update/*",
                ARN + "topicfilter/$aws/things/" + THING + "/shadow/delete/*",
                ARN + "topicfilter/amsgrid/rotation/" + THING + "/certificate");
        assertThat(statement(statements, "Receive")).containsEntry("Action", List.of("iot:Receive"));
        assertThat(resources(statement(statements, "Receive"))).containsExactly(
                ARN + "topic/$aws/things/" + THING + "/shadow/get/*",
                ARN + "topic/$aws/things/" + THING + "/shadow/update/*",
                ARN + "topic/$aws/things/" + THING + "/shadow/delete/*",
                ARN + "topic/amsgrid/rotation/" + THING + "/certificate");
        for (Map<String, Object> s : statements) {
            assertThat(s).containsEntry("Effect", "Allow")
                    .containsEntry("Condition", Map.of("Bool", Map.of("iot:Connection.Thing.IsAttached", "true")));
        }
    }

    @Test
    void devicePolicy_anyResource_isPinnedToTheConnectedThing() {
        for (Template t : List.of(direct, basic)) {
            for (Map<String, Object> s : statements(t, DeviceSecurity.DEVICE_POLICY)) {
                for (String resource : resources(s)) {
                    String afterArn = resource.substring(ARN.length());
                    assertThat(afterArn).as(resource).contains(THING);
                    // a wildcard only after the thing name (shadow response topics), never in its place
                    int star = afterArn.indexOf('*');
                    assertThat(star == -1 || (star == afterArn.length() - 1
                            && star > afterArn.indexOf(THING) + THING.length())).as(resource).isTrue();
                }
            }
        }
    }

    @Test
    void devicePolicy_deviceGw1_mayUseOnlyItsOwnTopicsAndShadow() {
        List<Map<String, Object>> policy = statements(direct, DeviceSecurity.DEVICE_POLICY);
        assertThat(allows(policy, "iot:Connect", "client/gw-1", "gw-1")).isTrue();
        assertThat(allows(policy, "iot:Connect", "client/gw-2", "gw-1")).isFalse();
        for (String kind : List.of("avg", "hr", "pf", "raw")) {
            assertThat(allows(policy, "iot:Publish", "topic/" + kind + "/gw-1", "gw-1")).as(kind).isTrue();
            assertThat(allows(policy, "iot:Publish", "topic/" + kind + "/gw-2", "gw-1")).as(kind).isFalse();
        }
        assertThat(allows(policy, "iot:Publish", "topic/avg/gw-1/extra", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/things/gw-1/shadow/update", "gw-1")).isTrue();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/things/gw-2/shadow/update", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/things/gw-2/shadow/get", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Subscribe", "topicfilter/$aws/things/gw-1/shadow/update/delta", "gw-1")).isTrue();
        assertThat(allows(policy, "iot:Subscribe", "topicfilter/$aws/things/gw-2/shadow/get/accepted", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Receive", "topic/$aws/things/gw-1/shadow/get/accepted", "gw-1")).isTrue();
        assertThat(allows(policy, "iot:Receive", "topic/$aws/things/gw-2/shadow/get/accepted", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/things/gw-1/shadow/name/x/update", "gw-1"))
                .as("named shadows are not allowed").isFalse();
        assertThat(allows(policy, "iot:Subscribe", "topicfilter/avg/+", "gw-1")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/rules/amsgrid_avg/avg/gw-1", "gw-1"))
                .as("no Basic Ingest topics in direct mode").isFalse();
    }

    @Test
    void devicePolicy_rotation_onlyOwnCsrAndAnswerTopicsNeverTheProvisioningApi() {
        for (Template t : List.of(direct, basic)) {
            List<Map<String, Object>> policy = statements(t, DeviceSecurity.DEVICE_POLICY);
            assertThat(allows(policy, "iot:Publish", "topic/amsgrid/rotation/gw-1/csr", "gw-1")).isTrue();
            assertThat(allows(policy, "iot:Publish", "topic/amsgrid/rotation/gw-2/csr", "gw-1")).isFalse();
            assertThat(allows(policy, "iot:Publish", "topic/amsgrid/rotation/gw-1/certificate", "gw-1"))
                    .as("only the cloud answers").isFalse();
            assertThat(allows(policy, "iot:Subscribe", "topicfilter/amsgrid/rotation/gw-1/certificate", "gw-1")).isTrue();
            assertThat(allows(policy, "iot:Subscribe", "topicfilter/amsgrid/rotation/gw-2/certificate", "gw-1")).isFalse();
            assertThat(allows(policy, "iot:Subscribe", "topicfilter/amsgrid/rotation/+/certificate", "gw-1")).isFalse();
            assertThat(allows(policy, "iot:Receive", "topic/amsgrid/rotation/gw-1/certificate", "gw-1")).isTrue();
            assertThat(allows(policy, "iot:Receive", "topic/amsgrid/rotation/gw-2/certificate", "gw-1")).isFalse();
            // the provisioning API carries no thing name: a device certificate must never reach it
            assertThat(allows(policy, "iot:Publish", "topic/$aws/certificates/create-from-csr/json", "gw-1")).isFalse();
            assertThat(allows(policy, "iot:Publish", "topic/$aws/provisioning-templates/" + DeviceSecurity.TEMPLATE
                    + "/provision/json", "gw-1")).isFalse();
        }
    }

    @Test
    void devicePolicy_basicIngest_allowsOwnBasicIngestTopicsOnly() {
        List<Map<String, Object>> policy = statements(basic, DeviceSecurity.DEVICE_POLICY);
        for (String kind : List.of("avg", "hr", "pf", "raw")) {
            String rule = "amsgrid_" + kind;
            assertThat(allows(policy, "iot:Publish", "topic/$aws/rules/" + rule + "/" + kind + "/gw-1", "gw-1")).isTrue();
            assertThat(allows(policy, "iot:Publish", "topic/$aws/rules/" + rule + "/" + kind + "/gw-2", "gw-1")).isFalse();
            assertThat(allows(policy, "iot:Publish", "topic/" + kind + "/gw-1", "gw-1")).isTrue();
        }
        assertThat(allows(policy, "iot:Publish", "topic/$aws/rules/other_rule/avg/gw-1", "gw-1")).isFalse();
    }

    @Test
    void claimPolicy_any_isLimitedToCertificateAndProvisioningTopics() {
        List<Map<String, Object>> policy = statements(direct, DeviceSecurity.CLAIM_POLICY);
        assertThat(policy).extracting(s -> s.get("Action")).containsExactly(
                List.of("iot:Connect"), List.of("iot:Publish"), List.of("iot:Subscribe"), List.of("iot:Receive"));
        String provision = "$aws/provisioning-templates/" + DeviceSecurity.TEMPLATE + "/provision/*";
        assertThat(resources(statement(policy, "Publish"))).containsExactly(
                ARN + "topic/$aws/certificates/create-from-csr/*", ARN + "topic/" + provision);
        assertThat(resources(statement(policy, "Subscribe"))).containsExactly(
                ARN + "topicfilter/$aws/certificates/create-from-csr/*", ARN + "topicfilter/" + provision);
        assertThat(resources(statement(policy, "Receive"))).containsExactly(
                ARN + "topic/$aws/certificates/create-from-csr/*", ARN + "topic/" + provision);
        assertThat(allows(policy, "iot:Publish", "topic/avg/gw-1", "claim")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/things/gw-1/shadow/update", "claim")).isFalse();
        assertThat(allows(policy, "iot:Publish", "topic/$aws/provisioning-templates/other/provision/json", "claim"))
                .isFalse();
    }

    // --- a small IoT policy evaluator (Allow statements only, as amsgrid's policies have) ---

    private static boolean allows(List<Map<String, Object>> policy, String action, String resource, String thing) {
        for (Map<String, Object> s : policy) {
            if (!Cfn.list(s.get("Action")).contains(action)) {
                continue;
            }
            for (String pattern : resources(s)) {
                String concrete = pattern.substring(ARN.length()).replace(THING, thing);
                StringBuilder regex = new StringBuilder();
                for (String part : concrete.split("\\*", -1)) {
                    if (!regex.isEmpty()) {
                        regex.append(".*");
                    }
                    regex.append(Pattern.quote(part));
                }
                if (Pattern.matches(regex.toString(), resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template, String policyName) {
        var policies = Cfn.resources(template, "AWS::IoT::Policy").values().stream()
                .filter(p -> policyName.equals(Cfn.props(p).get("PolicyName"))).toList();
        assertThat(policies).as(policyName).hasSize(1);
        Map<String, Object> doc = Cfn.map(Cfn.props(policies.get(0)).get("PolicyDocument"));
        return (List<Map<String, Object>>) (List<?>) Cfn.list(doc.get("Statement"));
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
    }

    private static List<String> resources(Map<String, Object> statement) {
        return Cfn.list(statement.get("Resource")).stream().map(Cfn::text).toList();
    }
}
