package io.amsgrid.local.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalS3IT {

    static S3Client client(LocalS3 s3, String secret) {
        return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.EU_NORTH_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret))).build();
    }

    @Test
    void startFilesystem_putObject_isAPlainFileAndListable(@TempDir Path dir) throws Exception {
        try (LocalS3 s3 = LocalS3.startFilesystem(dir); S3Client client = client(s3, s3.secretKey())) {
            client.createBucket(b -> b.bucket("amsgrid-data"));
            client.putObject(b -> b.bucket("amsgrid-data").key("csv/gw-1/avg/2026-11-24.csv"), RequestBody.fromString("timestamp\n1\n"));
            assertThat(client.getObjectAsBytes(b -> b.bucket("amsgrid-data").key("csv/gw-1/avg/2026-11-24.csv")).asUtf8String())
                    .isEqualTo("timestamp\n1\n");
            assertThat(client.listObjectsV2(b -> b.bucket("amsgrid-data").prefix("csv/gw-1/")).contents()).hasSize(1);
            assertThat(Files.readString(dir.resolve("amsgrid-data/csv/gw-1/avg/2026-11-24.csv"))).isEqualTo("timestamp\n1\n");
        }
    }

    @Test
    void startTransient_wrongSecret_isRefused() {
        try (LocalS3 s3 = LocalS3.startTransient(); S3Client client = client(s3, "not-the-secret")) {
            assertThatThrownBy(() -> client.createBucket(b -> b.bucket("amsgrid-data"))).isInstanceOf(S3Exception.class);
        }
    }
}
