package io.amsgrid.local.dynamodb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynaliteIT {

    @Test
    void start_realSdkClient_putsAndGetsAnItem() {
        int port;
        try (Dynalite dynalite = Dynalite.start();
             DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(dynalite.endpoint())
                     .region(Region.EU_NORTH_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build()) {
            port = dynalite.port();
            ddb.createTable(b -> b.tableName("things").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            ddb.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("gw-1"), "n", AttributeValue.fromN("42"))));
            Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("gw-1")))).item();
            assertThat(item.get("n").n()).isEqualTo("42");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("stopped after close").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void findExecutable_noToolsDirectory_saysToRunSetup(@TempDir Path empty) {
        assertThatThrownBy(() -> Dynalite.findExecutable(empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scripts/setup.sh");
    }
}
