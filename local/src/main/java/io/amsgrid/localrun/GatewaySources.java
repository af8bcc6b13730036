package io.amsgrid.localrun;

import io.amsgrid.local.meter.MeterVendor;

import java.nio.file.Path;
import java.util.Properties;

/** The {@code source=...} entries of a local gateway's gateway.properties. */
final class GatewaySources {
    private GatewaySources() {
    }

    /** A serial port (or pseudo-terminal) by path; {@code vendor} null = detect the parity. */
    static Properties serial(String port, MeterVendor vendor) {
        Properties p = new Properties();
        p.setProperty("source", "serial");
        p.setProperty("serial.port", port);
        p.setProperty("serial.parity", vendor == null ? "auto" : vendor.parity() == 'N' ? "none" : "even");
        return p;
    }

    /** A capture in the gateway's capture format, replayed at {@code speed}. */
    static Properties capture(Path capture, double speed) {
        Properties p = new Properties();
        p.setProperty("source", "capture");
        p.setProperty("capture.file", capture.toAbsolutePath().toString());
        p.setProperty("capture.speed", Double.toString(speed));
        return p;
    }
}
