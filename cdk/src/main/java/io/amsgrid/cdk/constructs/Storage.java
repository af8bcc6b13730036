package io.amsgrid.cdk.constructs;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The DynamoDB table (design: {@code docs/storage.md}, lambdas) and the S3 bucket for CSV files,
 * dead letters and reports, plus the bucket that receives the S3 server access logs.
 */
public final class Storage extends Construct {
    /** Key attribute names of the table, agreed with the lambdas module. */
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PARTITION_KEY = "gsi1pk";
    public static final String GSI1_SORT_KEY = "gsi1sk";

    /** Bucket prefixes (with the trailing slash), agreed with the lambdas module. */
    public static final String CSV_PREFIX = "csv/";
    public static final String DEAD_LETTER_PREFIX = "dead-letter/";
    public static final String REPORTS_PREFIX = "reports/";

    /** CSV files move to Standard-IA after this many days (read rarely once the month is analysed). */
    public static final int CSV_INFREQUENT_ACCESS_AFTER_DAYS = 90;
    /** Dead letters are kept this long for investigation, then expire. */
    public static final int DEAD_LETTER_EXPIRY_DAYS = 90;
    /** Older versions of overwritten or deleted objects expire after this many days. */
    public static final int NONCURRENT_VERSION_EXPIRY_DAYS = 30;
    /** Server access logs expire after this many days. */
    public static final int ACCESS_LOG_EXPIRY_DAYS = 365;

    private final Table table;
    private final Bucket bucket;
    private final Bucket accessLogs;

    public Storage(Construct scope, String id, boolean deletionProtection) {
        super(scope, id);
        RemovalPolicy removal = deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(deletionProtection)
                .removalPolicy(removal)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(GSI1)
                .partitionKey(Attribute.builder().name(GSI1_PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(GSI1_SORT_KEY).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());

        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_EXPIRY_DAYS)).build()))
                .removalPolicy(removal)
                .autoDeleteObjects(false)
                .build();

        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("amsgrid/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("csv-to-infrequent-access").prefix(CSV_PREFIX)
                                .transitions(List.of(Transition.builder()
                                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(CSV_INFREQUENT_ACCESS_AFTER_DAYS)).build()))
                                .build(),
                        LifecycleRule.builder().id("expire-dead-letters").prefix(DEAD_LETTER_PREFIX)
                                .expiration(Duration.days(DEAD_LETTER_EXPIRY_DAYS)).build(),
                        LifecycleRule.builder().id("expire-old-versions")
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_EXPIRY_DAYS))
                                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                                .build()))
                .removalPolicy(removal)
                .build();
    }

    public Table table() {
        return table;
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }
}
