package io.amsgrid.lambdas.rotation;

import java.net.URI;
import java.util.Map;

/**
 * The rotation function's environment, read once at container start.
 *
 * <table>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code DEVICE_POLICY_NAME}</td><td>required</td><td>the IoT policy attached to new certificates</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>eu-north-1</td><td>set by Lambda</td></tr>
 *   <tr><td>{@code IOT_DATA_ENDPOINT}</td><td>DescribeEndpoint iot:Data-ATS</td><td>where answers are published</td></tr>
 *   <tr><td>{@code AWS_ENDPOINT_URL_IOT}</td><td>none</td><td>tests: the IoT control-plane endpoint</td></tr>
 * </table>
 */
public record RotationSettings(String devicePolicy, String region, URI iotDataEndpoint, URI iotEndpoint) {
    public static final String ENV_DEVICE_POLICY = "DEVICE_POLICY_NAME";

    public RotationSettings {
        if (devicePolicy == null || devicePolicy.isBlank()) {
            throw new IllegalArgumentException(ENV_DEVICE_POLICY + " is not set");
        }
    }

    public static RotationSettings fromEnvironment(Map<String, String> env) {
        return new RotationSettings(env.get(ENV_DEVICE_POLICY), env.getOrDefault("AWS_REGION", "eu-north-1"),
                uri(env, "IOT_DATA_ENDPOINT"), uri(env, "AWS_ENDPOINT_URL_IOT"));
    }

    private static URI uri(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        URI u = URI.create(v.trim().contains("://") ? v.trim() : "https://" + v.trim());
        if (u.getHost() == null) {
            throw new IllegalArgumentException(name + " \"" + v + "\" is not a host name or URL");
        }
        return u;
    }
}
