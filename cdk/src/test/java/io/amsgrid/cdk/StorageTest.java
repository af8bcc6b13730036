package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.cdk.constructs.Storage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Table keys and protection; bucket encryption, TLS-only policy, public access, versioning, lifecycle. */
class StorageTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synthesized.of(Synthesized.DEFAULT).template();
    }

    @Test
    void table_default_hasTheAgreedKeysOnDemandPitrAndDeletionProtection() {
        var table = Cfn.one(template, "AWS::DynamoDB::Table", "StorageTable").getValue();
        Map<String, Object> p = Cfn.props(table);
        assertThat(p.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")));
        assertThat(Cfn.list(p.get("AttributeDefinitions"))).containsExactlyInAnyOrder(
                Map.of("AttributeName", "pk", "AttributeType", "S"), Map.of("AttributeName", "sk", "AttributeType", "S"),
                Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                Map.of("AttributeName", "gsi1sk", "AttributeType", "S"));
        assertThat(Cfn.list(p.get("GlobalSecondaryIndexes"))).containsExactly(Map.of(
                "IndexName", "gsi1",
                "KeySchema", List.of(Map.of("AttributeName", "gsi1pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "gsi1sk", "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL")));
        assertThat(p).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("DeletionProtectionEnabled", true)
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(table).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void bucket_default_isEncryptedPrivateVersionedAndLogged() {
        var entry = Cfn.one(template, "AWS::S3::Bucket", "StorageBucket");
        Map<String, Object> p = Cfn.props(entry.getValue());
        assertThat(p.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration", List.of(
                Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(p.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(p).containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"));
        String logsId = Cfn.one(template, "AWS::S3::Bucket", "StorageAccessLogs").getKey();
        assertThat(Cfn.text(Cfn.map(p.get("LoggingConfiguration")).get("DestinationBucketName")))
                .isEqualTo("${" + logsId + "}");
        List<Map<String, Object>> rules = Cfn.list(Cfn.map(p.get("LifecycleConfiguration")).get("Rules")).stream()
                .map(Cfn::map).toList();
        assertThat(rules).anySatisfy(r -> {
            assertThat(r).containsEntry("Prefix", "csv/");
            assertThat(r.get("Transitions")).isEqualTo(List.of(Map.of("StorageClass", "STANDARD_IA",
                    "TransitionInDays", Storage.CSV_INFREQUENT_ACCESS_AFTER_DAYS)));
        });
        assertThat(rules).anySatisfy(r -> assertThat(r).containsEntry("Prefix", "dead-letter/")
                .containsEntry("ExpirationInDays", Storage.DEAD_LETTER_EXPIRY_DAYS));
    }

    @Test
    void bucketPolicies_both_denyRequestsWithoutTls() {
        for (String bucket : List.of("StorageBucket", "StorageAccessLogs")) {
            String bucketId = Cfn.one(template, "AWS::S3::Bucket", bucket).getKey();
            Map<String, Object> policy = Cfn.props(Cfn.resources(template, "AWS::S3::BucketPolicy").values().stream()
                    .filter(bp -> Cfn.text(Cfn.props(bp).get("Bucket")).equals("${" + bucketId + "}"))
                    .findFirst().orElseThrow());
            List<Map<String, Object>> statements = Cfn.list(Cfn.map(policy.get("PolicyDocument")).get("Statement"))
                    .stream().map(Cfn::map).toList();
            assertThat(statements).anySatisfy(s -> {
                assertThat(s).containsEntry("Effect", "Deny").containsEntry("Action", "s3:*")
                        .containsEntry("Principal", Map.of("AWS", "*"))
                        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                assertThat(Cfn.list(s.get("Resource")).stream().map(Cfn::text))
                        .containsExactlyInAnyOrder("${" + bucketId + ".Arn}", "${" + bucketId + ".Arn}/*");
            });
        }
    }

    @Test
    void storage_deletionProtectionOff_destroysTableAndBucket() {
        Stack stack = new Stack(new App(), "Dev");
        new Storage(stack, "Storage", false);
        Template dev = Template.fromStack(stack);
        var table = Cfn.one(dev, "AWS::DynamoDB::Table", "StorageTable").getValue();
        assertThat(Cfn.props(table)).containsEntry("DeletionProtectionEnabled", false);
        assertThat(table).containsEntry("DeletionPolicy", "Delete");
        assertThat(Cfn.one(dev, "AWS::S3::Bucket", "StorageBucket").getValue()).containsEntry("DeletionPolicy", "Delete");
    }
}
