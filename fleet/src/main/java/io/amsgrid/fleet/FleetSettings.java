package io.amsgrid.fleet;

import io.amsgrid.fleet.control.AwsFleetControl;
import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.fleet.control.LocalEnvironment;
import io.amsgrid.fleet.control.LocalFleetControl;
import io.amsgrid.lambdas.config.LambdaSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet tools' settings, read once from the command line and the environment and validated
 * here: AWS ({@code AWS_REGION}, default credentials chain) or the local stand-ins
 * ({@code --local DIR} or {@code AMSGRID_MODE=local} with {@code AMSGRID_LOCAL_DIR}).
 *
 * @param mode           where the fleet lives
 * @param localDir       the local stand-in state ({@code local.json}); local mode only
 * @param region         the AWS region
 * @param deviceEndpoint the AWS IoT data endpoint; empty = looked up with DescribeEndpoint
 */
public record FleetSettings(Mode mode, Path localDir, String region, Optional<String> deviceEndpoint) {
    /** AWS or local stand-ins. */
    public enum Mode { AWS, LOCAL }

    public static FleetSettings resolve(Path localOption, String regionOption, String endpointOption,
                                        Map<String, String> env) {
        String modeText = env.getOrDefault("AMSGRID_MODE", "");
        if (localOption == null && modeText.equalsIgnoreCase("local")) {
            String d = env.get("AMSGRID_LOCAL_DIR");
            if (d == null || d.isBlank()) {
                throw new FleetException(FleetError.BAD_INPUT, "AMSGRID_MODE=local needs AMSGRID_LOCAL_DIR (or --local DIR)");
            }
            localOption = Path.of(d);
        } else if (!modeText.isEmpty() && !modeText.equalsIgnoreCase("aws") && !modeText.equalsIgnoreCase("local")) {
            throw new FleetException(FleetError.BAD_INPUT, "AMSGRID_MODE must be aws or local, got '" + modeText + "'");
        }
        String region = regionOption != null ? regionOption : env.getOrDefault("AWS_REGION", "eu-north-1");
        return new FleetSettings(localOption == null ? Mode.AWS : Mode.LOCAL, localOption, region,
                Optional.ofNullable(endpointOption));
    }

    public FleetControl openControl() {
        if (mode == Mode.LOCAL) {
            return new LocalFleetControl(localDir);
        }
        try {
            IotClient iot = IotClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).build();
            String endpoint = deviceEndpoint.orElseGet(() -> iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS"))
                    .endpointAddress());
            IotDataPlaneClient data = IotDataPlaneClient.builder().region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create("https://" + endpoint)).build();
            return new AwsFleetControl(iot, data, endpoint);
        } catch (SdkException e) {
            throw AwsFleetControl.translate("connect to AWS IoT", e);
        }
    }

    /** The S3 client of the CSV bucket (local: the stand-in from local.json). */
    public S3Client s3() {
        if (mode == Mode.LOCAL) {
            LocalEnvironment env = LocalEnvironment.read(localDir);
            if (env.s3Endpoint() == null) {
                throw new FleetException(FleetError.LOCAL_STATE, "the local stand-ins have no S3 endpoint in local.json");
            }
            return S3Client.builder().region(Region.of(region)).endpointOverride(URI.create(env.s3Endpoint()))
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(env.s3AccessKey(),
                            env.s3SecretKey()))).build();
        }
        return S3Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public LambdaClient lambda() {
        return LambdaClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The export handler's settings against the local stand-ins. */
    public LambdaSettings localLambdaSettings() {
        LocalEnvironment env = LocalEnvironment.read(localDir);
        if (env.dynamoDbEndpoint() == null || env.s3Endpoint() == null) {
            throw new FleetException(FleetError.LOCAL_STATE, "local.json lacks the DynamoDB or S3 stand-in endpoint");
        }
        return LambdaSettings.local(env.table(), env.bucket(), URI.create(env.dynamoDbEndpoint()),
                URI.create(env.s3Endpoint()));
    }

    /** The local bucket name, or null on AWS. */
    public String localBucket() {
        return mode == Mode.LOCAL ? LocalEnvironment.read(localDir).bucket() : null;
    }
}
