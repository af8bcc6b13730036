package io.amsgrid.lambdas.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Lambdas read from their environment, read once at container start and validated
 * here (a bad value fails the cold start with a message naming the variable).
 *
 * <table>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code TABLE_NAME}</td><td>required</td><td>the DynamoDB table</td></tr>
 *   <tr><td>{@code BUCKET_NAME}</td><td>required</td><td>the S3 bucket for CSV files and dead letters</td></tr>
 *   <tr><td>{@code TIME_ZONE}</td><td>Europe/Oslo</td><td>the meters' zone: local dates of CSV files</td></tr>
 *   <tr><td>{@code DEAD_LETTER_PREFIX}</td><td>dead-letter/</td><td>S3 prefix of rejected messages</td></tr>
 *   <tr><td>{@code FUTURE_TOLERANCE_SECONDS}</td><td>300</td><td>how far a payload time may lie after the broker's receive time</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>eu-north-1</td><td>set by Lambda</td></tr>
 *   <tr><td>{@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_S3}</td><td>none</td><td>local stand-ins (dynalite, s3proxy)</td></tr>
 * </table>
 *
 * @param dynamoDbEndpoint {@code null} for the AWS endpoint
 * @param s3Endpoint       {@code null} for the AWS endpoint (path-style access is used when set)
 */
public record LambdaSettings(
        String tableName,
        String bucketName,
        ZoneId timeZone,
        String deadLetterPrefix,
        Duration futureTolerance,
        String region,
        URI dynamoDbEndpoint,
        URI s3Endpoint) {

    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Europe/Oslo");
    public static final String DEFAULT_DEAD_LETTER_PREFIX = "dead-letter/";
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);

    public LambdaSettings {
        require("TABLE_NAME", tableName);
        require("BUCKET_NAME", bucketName);
        Objects.requireNonNull(timeZone, "timeZone");
        require("DEAD_LETTER_PREFIX", deadLetterPrefix);
        if (!deadLetterPrefix.endsWith("/")) {
            deadLetterPrefix = deadLetterPrefix + "/";
        }
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("FUTURE_TOLERANCE_SECONDS must be >= 0, was " + futureTolerance.toSeconds());
        }
        require("AWS_REGION", region);
    }

    /** Settings for the stand-ins or tests: defaults for everything but the names and endpoints. */
    public static LambdaSettings local(String tableName, String bucketName, URI dynamoDbEndpoint, URI s3Endpoint) {
        return new LambdaSettings(tableName, bucketName, DEFAULT_TIME_ZONE, DEFAULT_DEAD_LETTER_PREFIX,
                DEFAULT_FUTURE_TOLERANCE, "eu-north-1", dynamoDbEndpoint, s3Endpoint);
    }

    /** Reads the process environment. */
    public static LambdaSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads {@code env}; throws {@link IllegalArgumentException} naming the variable that is missing or bad. */
    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        String zone = env.getOrDefault("TIME_ZONE", DEFAULT_TIME_ZONE.getId());
        ZoneId timeZone;
        try {
            timeZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("TIME_ZONE \"" + zone + "\" is not a time zone id such as Europe/Oslo");
        }
        String tolerance = env.getOrDefault("FUTURE_TOLERANCE_SECONDS", Long.toString(DEFAULT_FUTURE_TOLERANCE.toSeconds()));
        Duration futureTolerance;
        try {
            futureTolerance = Duration.ofSeconds(Long.parseLong(tolerance.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FUTURE_TOLERANCE_SECONDS \"" + tolerance + "\" is not a whole number of seconds");
        }
        return new LambdaSettings(env.get("TABLE_NAME"), env.get("BUCKET_NAME"), timeZone,
                env.getOrDefault("DEAD_LETTER_PREFIX", DEFAULT_DEAD_LETTER_PREFIX), futureTolerance,
                env.getOrDefault("AWS_REGION", "eu-north-1"),
                uri(env, "AWS_ENDPOINT_URL_DYNAMODB"), uri(env, "AWS_ENDPOINT_URL_S3"));
    }

    private static URI uri(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " \"" + value + "\" needs a scheme and host, e.g. http://127.0.0.1:8000");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " \"" + value + "\" is not a URL: " + e.getMessage());
        }
    }

    private static void require(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
    }
}
