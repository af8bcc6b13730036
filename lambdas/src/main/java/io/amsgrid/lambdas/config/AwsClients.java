package io.amsgrid.lambdas.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * The SDK clients of one container, built once (in the handler's constructor, so SnapStart
 * snapshots them) with the URLConnection HTTP client: no Apache/Netty on the classpath, fast cold start.
 */
public record AwsClients(DynamoDbClient dynamoDb, DynamoDbEnhancedClient enhanced, S3Client s3) {

    /** Clients for {@code settings}, with the default credentials chain (the Lambda role). */
    public static AwsClients create(LambdaSettings settings) {
        return create(settings, DefaultCredentialsProvider.builder().build());
    }

    /** Clients for {@code settings} with {@code credentials} (local stand-ins take any static pair). */
    public static AwsClients create(LambdaSettings settings, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(20)).build();
        Region region = Region.of(settings.region());
        var ddb = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
        if (settings.dynamoDbEndpoint() != null) {
            ddb.endpointOverride(settings.dynamoDbEndpoint());
        }
        var s3 = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http);
        if (settings.s3Endpoint() != null) {
            s3.endpointOverride(settings.s3Endpoint()).forcePathStyle(true);
        }
        DynamoDbClient dynamoDb = ddb.build();
        return new AwsClients(dynamoDb, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), s3.build());
    }
}
