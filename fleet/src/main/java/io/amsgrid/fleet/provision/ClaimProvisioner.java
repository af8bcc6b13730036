package io.amsgrid.fleet.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.mqtt.MqttSession;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Self-registration by claim, on the gateway (AWS IoT fleet provisioning, "Device provisioning MQTT
 * API"): the key pair is made here and the private key is written only to {@code outDir}; the
 * claim certificate session sends the CSR to {@code $aws/certificates/create-from-csr/json}, then
 * {@code $aws/provisioning-templates/<template>/provision/json} with the ownership token and the
 * template parameter {@code SerialNumber} = thing name; the certificate, the CA and the gateway's
 * config file are written next to the key.
 */
public final class ClaimProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimProvisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SERIAL_PARAMETER = "SerialNumber";

    /** The outcome: the thing name the template gave, the certificate id, and the written config. */
    public record Result(String thingName, String certificateId, Path configFile, GatewayConfig config) {
    }

    private ClaimProvisioner() {
    }

    /**
     * Provisions this gateway. {@code claim} is the claim-certificate endpoint (host, port, claim
     * certificate and key, CA); {@code extra} goes into the gateway config (source, dataDir, ...).
     */
    public static Result provision(MqttSession.Endpoint claim, String template, String thing, Path outDir,
                                   Map<String, String> extra, Duration timeout) {
        if (!thing.matches("[A-Za-z0-9_:-]{1,128}")) {
            throw new FleetException(FleetError.BAD_INPUT, "--thing must be 1-128 characters of A-Z a-z 0-9 _ : -, got '"
                    + thing + "'");
        }
        DeviceKeys keys = DeviceKeys.generate();
        keys.writePrivateKey(outDir.resolve(GatewayConfigFile.PRIVATE_KEY));
        String csr = keys.csrPem(thing);
        try (MqttSession s = MqttSession.connect(claim, thing, timeout)) {
            JsonNode created = s.request("$aws/certificates/create-from-csr/json",
                    JSON.createObjectNode().put("certificateSigningRequest", csr), timeout);
            String certificateId = created.path("certificateId").asText();
            String pem = created.path("certificatePem").asText();
            String token = created.path("certificateOwnershipToken").asText();
            if (certificateId.isEmpty() || pem.isEmpty() || token.isEmpty()) {
                throw new FleetException(FleetError.SERVICE, "CreateCertificateFromCsr answer lacks certificateId, "
                        + "certificatePem or certificateOwnershipToken");
            }
            DeviceKeys.writePublic(outDir.resolve(GatewayConfigFile.CERTIFICATE), pem);
            ObjectNode register = JSON.createObjectNode().put("certificateOwnershipToken", token);
            register.putObject("parameters").put(SERIAL_PARAMETER, thing);
            JsonNode registered = s.request("$aws/provisioning-templates/" + template + "/provision/json", register,
                    timeout);
            String thingName = registered.path("thingName").asText(thing);
            Files.createDirectories(outDir);
            Files.copy(claim.caCertificate(), outDir.resolve(GatewayConfigFile.CA),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            GatewayConfig config = GatewayConfigFile.write(outDir, thingName, claim.host(), claim.port(), extra);
            LOG.info("registered as thing {} with certificate {}", thingName, certificateId.substring(0,
                    Math.min(12, certificateId.length())));
            return new Result(thingName, certificateId, outDir.resolve(GatewayConfigFile.FILE_NAME), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + outDir, e);
        }
    }
}
