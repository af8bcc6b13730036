package io.amsgrid.fleet.provision;

import io.amsgrid.gateway.rotation.DeviceKeys;
import io.amsgrid.gateway.config.GatewayConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the gateway's own config file ({@code gateway.properties}, the format
 * {@link GatewayConfig#load} reads; see docs/gateway.md) next to its certificate and key, with
 * paths relative to the file, then loads it back with the gateway's validation so a bad file is
 * caught here and not at the gateway's next start.
 */
public final class GatewayConfigFile {
    public static final String FILE_NAME = "gateway.properties";
    public static final String CERTIFICATE = "device.crt";
    public static final String PRIVATE_KEY = "device.key";
    public static final String CA = "ca.crt";

    private GatewayConfigFile() {
    }

    /**
     * Writes {@code dir/gateway.properties} for {@code thing} at {@code endpoint:port}; {@code extra}
     * adds or overrides keys (source, serial.port, dataDir, ...). Returns the validated config.
     */
    public static GatewayConfig write(Path dir, String thing, String endpoint, int port, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("thing", thing);
        p.put("endpoint", endpoint);
        p.put("port", Integer.toString(port));
        p.put("certificate", CERTIFICATE);
        p.put("privateKey", PRIVATE_KEY);
        p.put("caCertificate", CA);
        p.put("source", "serial");
        p.put("serial.port", "/dev/ttyUSB0");
        p.put("dataDir", "data");
        p.putAll(extra);
        StringBuilder text = new StringBuilder("# written by ./amsgrid (fleet tools) for thing ").append(thing)
                .append("; see docs/gateway.md\n");
        p.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve(FILE_NAME);
        DeviceKeys.writePublic(file, text.toString());
        return GatewayConfig.load(file);
    }
}
