package io.amsgrid.cdk.constructs;

import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.LambdaHandlers;
import io.amsgrid.rules.RotationRule;
import io.amsgrid.rules.RotationRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iot.CfnPolicy;
import software.amazon.awscdk.services.iot.CfnTopicRule;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Certificate rotation through the cloud: the rule {@link RotationRules#RULE_NAME} on
 * {@code amsgrid/rotation/+/csr} (topics the device policy pins to the connected thing) invoking the
 * rotation function, which checks the caller, issues an ACTIVE certificate from the CSR, attaches the
 * device policy and the thing, and answers on {@code amsgrid/rotation/<thing>/certificate}.
 *
 * <p>The function's role (least privilege): CreateCertificateFromCsr and DescribeEndpoint (no
 * resource-level permissions exist for them); DescribeThing, UpdateThing (the idempotency attribute),
 * ListThingPrincipals, AttachThingPrincipal on things; DescribeCertificate, AttachPolicy,
 * AttachThingPrincipal on certificates; AttachPolicy on the device policy; Publish only on
 * {@code amsgrid/rotation/}{@code *}{@code /certificate}. The rule's error action writes to the
 * bucket's rule-error prefix, like the ingest rules.
 */
public final class CertificateRotation extends Construct {
    public static final int MEMORY_MB = 512;
    public static final Duration TIMEOUT = Duration.seconds(30);
    public static final String SERVICE = "amsgrid-rotation";
    public static final String ENV_DEVICE_POLICY = "DEVICE_POLICY_NAME";

    private final SnapStartFunction function;
    private final CfnTopicRule rule;

    public CertificateRotation(Construct scope, String id, Path lambdaJar, CfnPolicy devicePolicy, Storage storage,
                               IQueue asyncFailures) {
        super(scope, id);
        Stack stack = Stack.of(this);
        function = new SnapStartFunction(this, "Function", new SnapStartFunction.Props(
                LambdaHandlers.ROTATION, "amsgrid certificate rotation: CSR from a gateway into its new certificate",
                lambdaJar, MEMORY_MB, TIMEOUT, Map.of(
                        ENV_DEVICE_POLICY, DeviceSecurity.DEVICE_POLICY,
                        IngestFunctions.ENV_SERVICE_NAME, SERVICE,
                        IngestFunctions.ENV_METRICS_NAMESPACE, IngestFunctions.METRICS_NAMESPACE),
                asyncFailures));
        Role role = function.role();
        role.addToPolicy(PolicyStatement.Builder.create().sid("NoResourceLevel")
                .actions(List.of("iot:CreateCertificateFromCsr", "iot:DescribeEndpoint"))
                .resources(List.of("*")).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("Things")
                .actions(List.of("iot:DescribeThing", "iot:UpdateThing", "iot:ListThingPrincipals",
                        "iot:AttachThingPrincipal"))
                .resources(List.of(arn(stack, "thing/*"))).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("Certificates")
                .actions(List.of("iot:DescribeCertificate", "iot:AttachPolicy", "iot:AttachThingPrincipal"))
                .resources(List.of(arn(stack, "cert/*"))).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("DevicePolicy")
                .actions(List.of("iot:AttachPolicy"))
                .resources(List.of(arn(stack, "policy/" + DeviceSecurity.DEVICE_POLICY))).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("Answer")
                .actions(List.of("iot:Publish"))
                .resources(List.of(arn(stack, "topic/" + RotationRules.answerTopic("*")))).build());

        Role errorRole = Role.Builder.create(this, "ErrorActionRole")
                .assumedBy(new ServicePrincipal("iot.amazonaws.com"))
                .description("amsgrid rotation rule: error action writes the failed message to the dead-letter prefix")
                .build();
        storage.bucket().grantPut(errorRole, TopicRules.RULE_ERRORS_PREFIX + "*");
        RotationRule r = RotationRules.rule();
        rule = CfnTopicRule.Builder.create(this, "Rule")
                .ruleName(r.name())
                .topicRulePayload(CfnTopicRule.TopicRulePayloadProperty.builder()
                        .sql(r.sql())
                        .awsIotSqlVersion(IngestRules.SQL_VERSION)
                        .ruleDisabled(false)
                        .description("amsgrid certificate rotation: CSRs from " + r.topicFilter())
                        .actions(List.of(CfnTopicRule.ActionProperty.builder()
                                .lambda(CfnTopicRule.LambdaActionProperty.builder()
                                        .functionArn(function.alias().getFunctionArn()).build())
                                .build()))
                        .errorAction(CfnTopicRule.ActionProperty.builder()
                                .s3(CfnTopicRule.S3ActionProperty.builder()
                                        .bucketName(storage.bucket().getBucketName())
                                        .key(TopicRules.RULE_ERRORS_PREFIX + r.name() + "/${timestamp()}-${newuuid()}.json")
                                        .roleArn(errorRole.getRoleArn())
                                        .build())
                                .build())
                        .build())
                .build();
        rule.addResourceDependency(devicePolicy);
        function.alias().addPermission("InvokeRotationRule", Permission.builder()
                .principal(new ServicePrincipal("iot.amazonaws.com"))
                .sourceArn(rule.getAttrArn())
                .sourceAccount(stack.getAccount())
                .build());
    }

    private static String arn(Stack stack, String resource) {
        return stack.formatArn(ArnComponents.builder().service("iot").resource(resource).build());
    }

    public SnapStartFunction function() {
        return function;
    }

    public CfnTopicRule rule() {
        return rule;
    }
}
