package io.amsgrid.fleet.ops;

import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.control.FleetControl;
import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.fleet.provision.GatewayConfigFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fleet register}, the operator path: thing (type and group of the CDK app), certificate
 * (from the device's CSR when given, so the key stays on the device; else made by the service and
 * written once into the bundle), device policy, then a device bundle in {@code outDir}:
 * {@code device.crt}, {@code device.key} (only when generated), {@code ca.crt},
 * {@code gateway.properties} (endpoint and paths filled in) and {@code certificate-id.txt}.
 */
public final class Register {
    public static final String THING_TYPE = "amsgrid-gateway";
    public static final String THING_GROUP = "amsgrid-fleet";
    public static final String DEVICE_POLICY = "amsgrid-device";

    /** The result. */
    public record Bundle(String thing, String certificateId, Path dir, boolean keyGenerated) {
    }

    private Register() {
    }

    public static Bundle register(FleetControl control, String thing, Optional<Path> csr, Path caCertificate,
                                  Path outDir) {
        if (!thing.matches("[A-Za-z0-9_:-]{1,128}")) {
            throw new FleetException(FleetError.BAD_INPUT, "--thing must be 1-128 characters of A-Z a-z 0-9 _ : -, got '"
                    + thing + "'");
        }
        String csrPem = csr.map(Register::read).orElse(null);
        control.createThing(thing, THING_TYPE, Map.of("serial", thing));
        FleetControl.IssuedCertificate cert = csrPem == null ? control.createKeysAndCertificate()
                : control.createCertificateFromCsr(csrPem);
        control.attachPolicy(DEVICE_POLICY, cert);
        control.attachThingPrincipal(thing, cert);
        control.addThingToGroup(thing, THING_GROUP);
        DeviceKeys.writePublic(outDir.resolve(GatewayConfigFile.CERTIFICATE), cert.certificatePem());
        cert.privateKeyPem().ifPresent(k -> DeviceKeys.writeSecret(outDir.resolve(GatewayConfigFile.PRIVATE_KEY), k));
        DeviceKeys.writePublic(outDir.resolve("certificate-id.txt"), cert.certificateId() + "\n");
        try {
            Files.copy(caCertificate, outDir.resolve(GatewayConfigFile.CA), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the CA certificate " + caCertificate, e);
        }
        if (cert.privateKeyPem().isPresent()) {
            GatewayConfigFile.write(outDir, thing, control.deviceEndpoint(), control.devicePort(), Map.of());
        } else {
            // the key is on the device: write the config without validating the key path here
            DeviceKeys.writePublic(outDir.resolve(GatewayConfigFile.FILE_NAME), "# written by ./amsgrid fleet register\n"
                    + "thing = " + thing + "\nendpoint = " + control.deviceEndpoint() + "\nport = " + control.devicePort()
                    + "\ncertificate = device.crt\nprivateKey = device.key\ncaCertificate = ca.crt\n"
                    + "source = serial\nserial.port = /dev/ttyUSB0\ndataDir = data\n");
        }
        return new Bundle(thing, cert.certificateId(), outDir, cert.privateKeyPem().isPresent());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new FleetException(FleetError.BAD_INPUT, "cannot read the CSR file " + p + ": " + e.getMessage());
        }
    }
}
