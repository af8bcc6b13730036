package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.CertificateRotation;
import io.amsgrid.cdk.constructs.DeviceSecurity;
import io.amsgrid.cdk.constructs.TopicRules;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.LambdaHandlers;
import io.amsgrid.rules.RotationRules;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The rotation rule, its function and the function's least-privilege role. */
class CertificateRotationTest {
    private static final String ARN = "arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:";
    private static Template direct;

    @BeforeAll
    static void synth() {
        direct = Synthesized.of(Synthesized.DEFAULT).template();
    }

    @Test
    void rule_sharedSqlInvokesTheRotationAliasWithAnErrorAction() {
        var rule = Cfn.resources(direct, "AWS::IoT::TopicRule").values().stream().map(Cfn::props)
                .filter(p -> RotationRules.RULE_NAME.equals(p.get("RuleName"))).toList();
        assertThat(rule).hasSize(1);
        Map<String, Object> payload = Cfn.map(rule.get(0).get("TopicRulePayload"));
        assertThat(payload).containsEntry("Sql", RotationRules.SQL)
                .containsEntry("AwsIotSqlVersion", IngestRules.SQL_VERSION).containsEntry("RuleDisabled", false);
        String aliasId = Cfn.one(direct, "AWS::Lambda::Alias", "RotationFunctionAlias").getKey();
        Map<String, Object> lambda = Cfn.map(Cfn.map(Cfn.list(payload.get("Actions")).get(0)).get("Lambda"));
        assertThat(Cfn.text(lambda.get("FunctionArn"))).isEqualTo("${" + aliasId + "}");
        Map<String, Object> s3 = Cfn.map(Cfn.map(payload.get("ErrorAction")).get("S3"));
        assertThat((String) s3.get("Key")).startsWith(TopicRules.RULE_ERRORS_PREFIX + RotationRules.RULE_NAME + "/");

        Map<String, Object> fn = Cfn.props(Cfn.one(direct, "AWS::Lambda::Function", "RotationFunction").getValue());
        assertThat(fn).containsEntry("Handler", LambdaHandlers.ROTATION).containsEntry("Runtime", "java21")
                .containsEntry("Architectures", List.of("arm64")).containsEntry("MemorySize", CertificateRotation.MEMORY_MB);
        assertThat(Cfn.map(Cfn.map(fn.get("Environment")).get("Variables")))
                .containsEntry(CertificateRotation.ENV_DEVICE_POLICY, DeviceSecurity.DEVICE_POLICY);
    }

    @Test
    void role_grantsOnlyTheRotationCallsAndPublishOnAnswerTopics() {
        Map<String, List<String>> bySid = statements().stream().filter(s -> s.get("Sid") != null)
                .collect(Collectors.toMap(s -> (String) s.get("Sid"), s -> resources(s)));
        assertThat(bySid).containsEntry("NoResourceLevel", List.of("*"))
                .containsEntry("Things", List.of(ARN + "thing/*"))
                .containsEntry("Certificates", List.of(ARN + "cert/*"))
                .containsEntry("DevicePolicy", List.of(ARN + "policy/" + DeviceSecurity.DEVICE_POLICY))
                .containsEntry("Answer", List.of(ARN + "topic/amsgrid/rotation/*/certificate"));
        Map<String, Object> noResource = statements().stream().filter(s -> "NoResourceLevel".equals(s.get("Sid")))
                .findFirst().orElseThrow();
        assertThat(actions(noResource)).containsExactlyInAnyOrder("iot:CreateCertificateFromCsr",
                "iot:DescribeEndpoint");
        List<Object> actions = statements().stream().flatMap(s -> actions(s).stream()).toList();
        assertThat(actions).filteredOn(a -> String.valueOf(a).startsWith("iot:")).containsOnly(
                "iot:CreateCertificateFromCsr", "iot:DescribeEndpoint", "iot:DescribeThing", "iot:UpdateThing",
                "iot:ListThingPrincipals", "iot:AttachThingPrincipal", "iot:DescribeCertificate", "iot:AttachPolicy",
                "iot:Publish");
        assertThat(actions).doesNotContain("iot:*", "iot:DeleteCertificate", "iot:UpdateCertificate",
                "iot:CreateKeysAndCertificate");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements() {
        String roleId = Cfn.one(direct, "AWS::IAM::Role", "RotationFunctionRole").getKey();
        return Cfn.resources(direct, "AWS::IAM::Policy").values().stream().map(Cfn::props)
                .filter(p -> Cfn.list(p.get("Roles")).stream().anyMatch(r -> Cfn.text(r).equals("${" + roleId + "}")))
                .flatMap(p -> Cfn.list(Cfn.map(p.get("PolicyDocument")).get("Statement")).stream())
                .map(s -> (Map<String, Object>) s).toList();
    }

    private static List<Object> actions(Map<String, Object> statement) {
        Object a = statement.get("Action");
        return a instanceof List<?> ? Cfn.list(a) : List.of(a);
    }

    private static List<String> resources(Map<String, Object> statement) {
        Object r = statement.get("Resource");
        return r instanceof List<?> ? Cfn.list(r).stream().map(Cfn::text).toList() : List.of(Cfn.text(r));
    }
}
