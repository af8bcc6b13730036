package io.amsgrid.localrun.feed;

import io.amsgrid.local.meter.MeterVendor;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code source=...} entries of a local gateway's gateway.properties: a simulated meter's port
 * ({@link MeterFeeds#gatewaySource}), a capture or a real serial port.
 */
public final class GatewaySources {
    private GatewaySources() {
    }

    /** A serial port (or pseudo-terminal) by path; {@code vendor} null = detect the parity. */
    public static Properties serial(String port, MeterVendor vendor) {
        Properties p = new Properties();
        p.setProperty("source", "serial");
        p.setProperty("serial.port", port);
        p.setProperty("serial.parity", vendor == null ? "auto" : vendor.parity() == 'N' ? "none" : "even");
        return p;
    }

    /** A capture in the gateway's capture format, replayed at {@code speed}. */
    public static Properties capture(Path capture, double speed) {
        Properties p = new Properties();
        p.setProperty("source", "capture");
        p.setProperty("capture.file", capture.toAbsolutePath().toString());
        p.setProperty("capture.speed", Double.toString(speed));
        return p;
    }

    /**
     * A meter fed through an in-memory pipe: the gateway is given the pipe as its byte source
     * ({@code Gateway(config, clock, sourceOverride)}), so the port named here is never opened; it
     * names the pipe in the gateway's configuration and logs.
     */
    public static Properties memory(String thing) {
        Properties p = new Properties();
        p.setProperty("source", "serial");
        p.setProperty("serial.port", "memory:" + thing);
        return p;
    }
}
