package io.amsgrid.lambdas.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaSettingsTest {
    @Test
    void fromEnvironment_onlyRequired_appliesDefaults() {
        LambdaSettings s = LambdaSettings.fromEnvironment(Map.of("TABLE_NAME", "t1", "BUCKET_NAME", "b1"));
        assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(s.deadLetterPrefix()).isEqualTo("dead-letter/");
        assertThat(s.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.dynamoDbEndpoint()).isNull();
        assertThat(s.s3Endpoint()).isNull();
    }

    @Test
    void fromEnvironment_everything_isRead() {
        LambdaSettings s = LambdaSettings.fromEnvironment(Map.of("TABLE_NAME", "t1", "BUCKET_NAME", "b1",
                "TIME_ZONE", "UTC", "DEAD_LETTER_PREFIX", "rejects", "FUTURE_TOLERANCE_SECONDS", "60", "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));
        assertThat(s).isEqualTo(new LambdaSettings("t1", "b1", ZoneId.of("UTC"), "rejects/", Duration.ofSeconds(60), "eu-west-1",
                URI.create("http://127.0.0.1:8000"), URI.create("http://127.0.0.1:9000")));
    }

    @Test
    void fromEnvironment_badValues_nameTheVariable() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("BUCKET_NAME", "b"))).hasMessage("TABLE_NAME is not set");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "TIME_ZONE", "Oslo")))
                .hasMessageContaining("TIME_ZONE");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "FUTURE_TOLERANCE_SECONDS", "5m")))
                .hasMessageContaining("FUTURE_TOLERANCE_SECONDS");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("TABLE_NAME", "t", "BUCKET_NAME", "b", "AWS_ENDPOINT_URL_S3", "localhost")))
                .hasMessageContaining("AWS_ENDPOINT_URL_S3");
    }
}
