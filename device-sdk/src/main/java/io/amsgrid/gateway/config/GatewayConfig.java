package io.amsgrid.gateway.config;

import io.amsgrid.gateway.aggregate.WindowAggregator;
import io.amsgrid.gateway.outbox.OutboxLimits;
import io.amsgrid.gateway.source.SerialParity;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The gateway's settings, read once at start from a properties file ({@code key = value}, {@code #}
 * comments) and validated here; see docs/gateway.md for every key. Relative paths are resolved
 * against the config file's directory.
 *
 * @param thing               the AWS IoT thing name (also the MQTT client id and topic suffix)
 * @param endpoint            the AWS IoT data endpoint ({@code xxxx-ats.iot.<region>.amazonaws.com})
 * @param port                MQTT over TLS port (8883)
 * @param certificate         the thing's certificate (PEM)
 * @param privateKey          its private key (PEM); never logged
 * @param caCertificate       the CA to trust (Amazon Root CA 1 for IoT Core)
 * @param source              where the meter's bytes come from
 * @param intervalMinutes     the send interval at start (1-60; the shadow may change it)
 * @param publishOffset       extra delay after each window end; empty = derived from the thing name
 * @param dataDir             directory of the outbox, power-fail journal and hourly state
 * @param outboxLimits        outbox bounds
 * @param powerFail           power-fail settings
 * @param rawForward          also publish every frame on {@code raw/<thing>}
 * @param statusInterval      how often the status line is logged
 * @param statusFile          where the status JSON is written (atomically) each interval, or null
 * @param reconnectMin        first reconnect delay
 * @param reconnectMax        largest reconnect delay
 * @param recordFile          write every received chunk to this capture file, or null
 * @param rotation            run certificate rotation (shadow {@code desired.certificateRotation}) when the
 *                            certificate and key files can be replaced
 */
public record GatewayConfig(String thing, String endpoint, int port, Path certificate, Path privateKey,
                            Path caCertificate, SourceConfig source, int intervalMinutes,
                            Optional<Duration> publishOffset, Path dataDir, OutboxLimits outboxLimits,
                            PowerFailConfig powerFail, boolean rawForward, Duration statusInterval, Path statusFile,
                            Duration reconnectMin, Duration reconnectMax, Path recordFile,
                            boolean rotation) {

    /** Where bytes come from. */
    public sealed interface SourceConfig {
        record Serial(String port, SerialParity parity) implements SourceConfig {
        }

        record Tcp(String host, int port) implements SourceConfig {
        }

        record Capture(Path file, double speed) implements SourceConfig {
        }
    }

    /**
     * @param journal        the journal file
     * @param history        how much voltage history is journaled (default 90 s)
     * @param gpioValueFile  sysfs value file of the PF line, or null
     * @param gpioActiveLow  whether 0 means power failing
     * @param meterSilence   silence that counts as a power failure, or null (off)
     * @param triggerFile    a file whose appearance triggers it (tests, operators), or null
     */
    public record PowerFailConfig(Path journal, Duration history, Path gpioValueFile, boolean gpioActiveLow,
                                  Duration meterSilence, Path triggerFile) {
    }

    private static final Set<String> KEYS = Set.of("thing", "endpoint", "port", "certificate", "privateKey",
            "caCertificate", "source", "serial.port", "serial.parity", "tcp.host", "tcp.port", "capture.file",
            "capture.speed", "intervalMinutes", "publishOffsetSeconds", "dataDir", "outbox.maxMessages",
            "outbox.maxBytes", "powerfail.journal", "powerfail.historySeconds", "powerfail.gpioValueFile",
            "powerfail.gpioActiveLow", "powerfail.silenceSeconds", "powerfail.triggerFile", "raw.forward",
            "status.intervalSeconds", "status.file", "reconnect.minMs", "reconnect.maxMs", "record",
            "rotation.enabled");

    /** Reads and validates a config file; throws {@link ConfigException} naming every bad key. */
    public static GatewayConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return of(p, base);
    }

    /** Validates settings given as properties; relative paths resolve against {@code base}. */
    public static GatewayConfig of(Properties p, Path base) {
        Settings r = new Settings(p, base);
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                r.errors.add(k + ": unknown key (see docs/gateway.md)");
            }
        }
        String thing = r.required("thing");
        if (thing != null && !thing.matches("[A-Za-z0-9_:.-]{1,128}")) {
            r.errors.add("thing: must be 1-128 characters of A-Z a-z 0-9 _ : . -, got '" + thing + "'");
        }
        String endpoint = r.required("endpoint");
        int port = r.integer("port", 8883, 1, 65535);
        Path cert = r.existingFile("certificate");
        Path key = r.existingFile("privateKey");
        Path ca = r.existingFile("caCertificate");
        SourceConfig source = switch (r.text("source", "serial").toLowerCase(Locale.ROOT)) {
            case "serial" -> new SourceConfig.Serial(r.text("serial.port", "/dev/ttyUSB0"),
                    r.parity("serial.parity"));
            case "tcp" -> new SourceConfig.Tcp(r.required("tcp.host"), r.integer("tcp.port", 0, 1, 65535));
            case "capture" -> new SourceConfig.Capture(r.existingFile("capture.file"),
                    r.decimal("capture.speed", 1.0));
            default -> {
                r.errors.add("source: must be serial, tcp or capture, got '" + p.getProperty("source") + "'");
                yield null;
            }
        };
        int interval = r.integer("intervalMinutes", 1, WindowAggregator.MIN_INTERVAL_MINUTES,
                WindowAggregator.MAX_INTERVAL_MINUTES);
        String offset = r.text("publishOffsetSeconds", "auto");
        Optional<Duration> publishOffset = offset.equals("auto") ? Optional.empty()
                : Optional.of(Duration.ofSeconds(r.integer("publishOffsetSeconds", 0, 0, 59)));
        Path dataDir = r.path("dataDir", "/var/lib/amsgrid");
        OutboxLimits limits = new OutboxLimits(r.integer("outbox.maxMessages", OutboxLimits.DEFAULT.maxMessages(), 1,
                Integer.MAX_VALUE), r.longValue("outbox.maxBytes", OutboxLimits.DEFAULT.maxBytes()));
        Path journal = r.path("powerfail.journal", null);
        if (journal == null && dataDir != null) {
            journal = dataDir.resolve("powerfail.journal");
        }
        int silence = r.integer("powerfail.silenceSeconds", 0, 0, 3600);
        PowerFailConfig pf = new PowerFailConfig(journal,
                Duration.ofSeconds(r.integer("powerfail.historySeconds", 90, 1, 3600)),
                r.path("powerfail.gpioValueFile", null), r.bool("powerfail.gpioActiveLow", true),
                silence == 0 ? null : Duration.ofSeconds(silence), r.path("powerfail.triggerFile", null));
        boolean raw = r.bool("raw.forward", false);
        Duration statusInterval = Duration.ofSeconds(r.integer("status.intervalSeconds", 60, 1, 86400));
        Path statusFile = r.path("status.file", null);
        Duration min = Duration.ofMillis(r.integer("reconnect.minMs", 1000, 10, 3_600_000));
        Duration max = Duration.ofMillis(r.integer("reconnect.maxMs", 120_000, 10, 3_600_000));
        if (min.compareTo(max) > 0) {
            r.errors.add("reconnect.minMs: must not exceed reconnect.maxMs");
        }
        Path record = r.path("record", null);
        boolean rotation = r.bool("rotation.enabled", true);
        if (!r.errors.isEmpty()) {
            throw new ConfigException("bad config: " + String.join("; ", r.errors));
        }
        return new GatewayConfig(thing, endpoint, port, cert, key, ca, source, interval, publishOffset, dataDir, limits,
                pf, raw, statusInterval, statusFile, min, max, record, rotation);
    }

    /** A copy with another source and capture recording (command-line overrides). */
    public GatewayConfig withSource(SourceConfig newSource, Path newRecordFile) {
        return new GatewayConfig(thing, endpoint, port, certificate, privateKey, caCertificate, newSource,
                intervalMinutes, publishOffset, dataDir, outboxLimits, powerFail, rawForward, statusInterval,
                statusFile, reconnectMin, reconnectMax, newRecordFile, rotation);
    }

    private static final class Settings {
        final Properties p;
        final Path base;
        final List<String> errors = new ArrayList<>();

        Settings(Properties p, Path base) {
            this.p = p;
            this.base = base;
        }

        String text(String key, String dflt) {
            String v = p.getProperty(key);
            return v == null || v.isBlank() ? dflt : v.strip();
        }

        String required(String key) {
            String v = text(key, null);
            if (v == null) {
                errors.add(key + ": required");
            }
            return v;
        }

        int integer(String key, int dflt, int min, int max) {
            String v = text(key, null);
            if (v == null) {
                if (dflt < min) {
                    errors.add(key + ": required");
                }
                return dflt;
            }
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    errors.add(key + ": must be " + min + "-" + max + ", got " + i);
                }
                return i;
            } catch (NumberFormatException e) {
                errors.add(key + ": not a whole number: '" + v + "'");
                return dflt;
            }
        }

        long longValue(String key, long dflt) {
            String v = text(key, null);
            try {
                long l = v == null ? dflt : Long.parseLong(v);
                if (l < 1) {
                    errors.add(key + ": must be positive, got " + l);
                }
                return l;
            } catch (NumberFormatException e) {
                errors.add(key + ": not a whole number: '" + v + "'");
                return dflt;
            }
        }

        double decimal(String key, double dflt) {
            String v = text(key, null);
            try {
                double d = v == null ? dflt : Double.parseDouble(v);
                if (d < 0 || Double.isNaN(d)) {
                    errors.add(key + ": must be >= 0 (0 = as fast as possible), got " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                errors.add(key + ": not a number: '" + v + "'");
                return dflt;
            }
        }

        boolean bool(String key, boolean dflt) {
            String v = text(key, null);
            if (v == null) {
                return dflt;
            }
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                errors.add(key + ": must be true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        SerialParity parity(String key) {
            String v = text(key, "auto");
            try {
                return SerialParity.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(key + ": must be auto, none (8N1, Kamstrup) or even (8E1, Kaifa/Aidon), got '" + v + "'");
                return SerialParity.AUTO;
            }
        }

        Path path(String key, String dflt) {
            String v = text(key, dflt);
            return v == null ? null : base.resolve(v).normalize();
        }

        Path existingFile(String key) {
            Path f = path(key, null);
            if (f == null) {
                errors.add(key + ": required");
            } else if (!Files.isReadable(f)) {
                errors.add(key + ": cannot read " + f);
            }
            return f;
        }
    }
}
