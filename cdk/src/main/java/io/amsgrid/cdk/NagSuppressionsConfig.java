package io.amsgrid.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;

/**
 * The one place where cdk-nag (AwsSolutions) findings are acknowledged, each with its reason.
 * Everything else is fixed in the constructs (own Lambda roles without managed policies, TLS-only
 * bucket, queue and topic policies, SSE everywhere, PITR, access logs, DLQs on work queues). A new,
 * unacknowledged finding fails {@code NagComplianceTest}.
 */
public final class NagSuppressionsConfig {
    private NagSuppressionsConfig() {
    }

    /** Adds the acknowledged findings to {@code stack}. */
    public static void apply(Stack stack) {
        String root = "/" + stack.getStackName();
        NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-IAM5",
                        "Object-level S3 permissions from the CDK grantPut/grantRead helpers: the action groups"
                                + " (s3:Abort* = AbortMultipartUpload, s3:GetObject*, s3:GetBucket*, s3:List*) are"
                                + " scoped to the one bucket prefix the role owns",
                        regex("/^Action::s3:(Abort|GetObject|GetBucket|List)\\*$/")),
                suppress("AwsSolutions-IAM5",
                        "Object keys are per meter and day (csv/<thing>/<kind>/<date>.csv, dead letters by"
                                + " message): the wildcard is the prefix a role owns (csv/, reports/, dead-letter/,"
                                + " dead-letter/rule-errors/) and nothing else in the bucket",
                        regex("/^Resource::<StorageBucket[0-9A-F]+\\.Arn>\\/(csv|reports|dead-letter|dead-letter\\/rule-errors)\\/\\*$/")),
                suppress("AwsSolutions-IAM5",
                        "The table's indexes (gsi1: latest reading per meter, power-fail events per day) are"
                                + " queried; the CDK table grants cover <table>/index/*, only this table's",
                        regex("/^Resource::<StorageTable[0-9A-F]+\\.Arn>\\/index\\/\\*$/")),
                suppress("AwsSolutions-L1",
                        "Java 21 is the project's target release (maven.compiler.release 21, issue 5 asks for"
                                + " Runtime.JAVA_21); moving to java25 is a project decision, not a deployment one")),
                true);
        NagSuppressions.addResourceSuppressionsByPath(stack, root + "/Devices/ProvisioningRole/Resource", List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM4")
                        .reason("AWSIoTThingsRegistration is the AWS-maintained policy for the fleet provisioning"
                                + " role (RegisterThing creates things, certificates and attachments); AWS keeps it in"
                                + " step with what the provisioning service calls")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSIoTThingsRegistration"))
                        .build()));
        NagSuppressions.addResourceSuppressionsByPath(stack, root + "/Rotation/Function/Role/DefaultPolicy/Resource",
                List.of(suppress("AwsSolutions-IAM5",
                        "Certificate rotation: CreateCertificateFromCsr and DescribeEndpoint have no resource-level"
                                + " permissions (Resource *); any gateway of the fleet may rotate, and thing names and"
                                + " certificate ids are not known at deploy time (thing/*, cert/*); the handler itself"
                                + " checks that the caller's certificate is attached to the thing of the topic; answers"
                                + " may only be published on amsgrid/rotation/<thing>/certificate",
                        "Resource::*",
                        "Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/*",
                        "Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:cert/*",
                        "Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:topic/amsgrid/rotation/*/certificate")));
        NagSuppressions.addResourceSuppressionsByPath(stack, root + "/Functions/AsyncFailures/Resource", List.of(
                suppress("AwsSolutions-SQS3", "This queue is itself the on-failure destination (dead-letter"
                        + " queue) of the functions' asynchronous invocations and of the export schedule")));
        if (stack.getNode().tryFindChild("Rules") != null
                && stack.getNode().findChild("Rules").getNode().tryFindChild("IngestDeadLetters") != null) {
            NagSuppressions.addResourceSuppressionsByPath(stack, root + "/Rules/IngestDeadLetters/Resource", List.of(
                    suppress("AwsSolutions-SQS3", "This queue is the dead-letter queue of the ingest queue"
                            + " (batched route)")));
        }
    }


    private static NagPackSuppression suppress(String id, String reason, Object... appliesTo) {
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            b.appliesTo(List.of(appliesTo));
        }
        return b.build();
    }

    private static RegexAppliesTo regex(String regex) {
        return RegexAppliesTo.builder().regex(regex).build();
    }
}
