package io.amsgrid.lambdas.testing;

import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.ingest.IngestMetrics;
import io.amsgrid.lambdas.ingest.IngestProcessor;
import io.amsgrid.lambdas.ingest.RawFrameDecoder;
import io.amsgrid.lambdas.store.ReadingTable;
import io.amsgrid.local.dynamodb.Dynalite;
import io.amsgrid.local.s3.LocalS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dynalite + s3proxy with the table and bucket the CDK app creates, and the real SDK clients built
 * by {@link AwsClients} from {@link LambdaSettings} pointing at them. One per test class.
 */
public final class LocalAws implements AutoCloseable {
    public static final String TABLE = "amsgrid-readings";
    public static final String BUCKET = "amsgrid-data";

    public final Dynalite dynalite;
    public final LocalS3 s3;
    public final LambdaSettings settings;
    public final AwsClients clients;

    public LocalAws() {
        dynalite = Dynalite.start();
        s3 = LocalS3.startTransient();
        settings = LambdaSettings.local(TABLE, BUCKET, dynalite.endpoint(), s3.endpoint());
        clients = AwsClients.create(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
        ReadingTable.create(clients.dynamoDb(), TABLE);
        clients.s3().createBucket(b -> b.bucket(BUCKET));
    }

    /** Drops and recreates the table: every test starts empty. */
    public void resetTable() {
        clients.dynamoDb().deleteTable(b -> b.tableName(TABLE));
        clients.dynamoDb().waiter().waitUntilTableNotExists(b -> b.tableName(TABLE));
        ReadingTable.create(clients.dynamoDb(), TABLE);
    }

    public IngestProcessor processor() {
        return IngestProcessor.create(settings, clients, RawFrameDecoder.UNAVAILABLE);
    }

    public IngestMetrics metrics() {
        return new IngestMetrics();
    }

    /** Every item of the table. */
    public List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        clients.dynamoDb().scanPaginator(ScanRequest.builder().tableName(TABLE).build()).items().forEach(items::add);
        return items;
    }

    /** Every key under {@code prefix} in the bucket. */
    public List<String> keys(String prefix) {
        return clients.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public String object(String key) {
        return clients.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Override
    public void close() {
        clients.dynamoDb().close();
        clients.s3().close();
        s3.close();
        dynalite.close();
    }
}
