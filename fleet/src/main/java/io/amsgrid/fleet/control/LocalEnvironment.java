package io.amsgrid.fleet.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fleet tools need to reach a running set of local stand-ins: {@code <dir>/local.json},
 * written by whoever starts them (a test, or a local job). Paths are absolute.
 *
 * @param mqttHost        the local broker (mosquitto with mutual TLS)
 * @param mqttPort        its port
 * @param caCertificate   the local CA certificate ({@code ca.key} lies next to it)
 * @param brokerLog       mosquitto's log (connect/disconnect lines give connectivity)
 * @param registry        the local thing registry JSON file
 * @param s3Endpoint      the S3 stand-in, or null
 * @param s3AccessKey     its access key
 * @param s3SecretKey     its secret key
 * @param bucket          the CSV bucket
 * @param dynamoDbEndpoint dynalite, or null
 * @param table           the readings table
 */
public record LocalEnvironment(String mqttHost, int mqttPort, String caCertificate, String brokerLog, String registry,
                               String s3Endpoint, String s3AccessKey, String s3SecretKey, String bucket,
                               String dynamoDbEndpoint, String table) {
    public static final String FILE = "local.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Reads {@code dir/local.json}; a one-line error if it is missing or bad. */
    public static LocalEnvironment read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isReadable(f)) {
            throw new FleetException(FleetError.LOCAL_STATE, "no local stand-in state at " + f
                    + " (start the local stand-ins first, or drop --local for AWS)");
        }
        try {
            return JSON.readValue(f.toFile(), LocalEnvironment.class);
        } catch (IOException e) {
            throw new FleetException(FleetError.LOCAL_STATE, "cannot read " + f + ": " + e.getMessage());
        }
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new FleetException(FleetError.LOCAL_STATE, "cannot write " + dir.resolve(FILE) + ": " + e.getMessage());
        }
    }
}
