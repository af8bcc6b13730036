package io.amsgrid.local.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto on a free loopback port with mutual TLS, like AWS IoT Core: a client must
 * present a certificate issued by the {@link LocalCa} ({@code require_certificate true}) and its
 * CN becomes its user name ({@code use_identity_as_username true}). MQTT 3.1.1 and 5.
 * Install mosquitto with {@code scripts/setup.sh}.
 *
 * <p>{@link #stop()} and {@link #start()} can be called again to simulate an outage; the port
 * stays the same. {@link #close()} stops it for good.
 */
public final class LocalBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Path STDBUF = Path.of("/usr/bin/stdbuf");

    private final Path dir;
    private final LocalCa ca;
    private final int port;
    private Process process;

    private LocalBroker(Path dir, LocalCa ca, int port) {
        this.dir = dir;
        this.ca = ca;
        this.port = port;
    }

    /** Creates a CA in {@code dir/ca}, writes the config and starts mosquitto. */
    public static LocalBroker start(Path dir) {
        try {
            Files.createDirectories(dir);
            // mosquitto started as root drops to user 'mosquitto', which must reach the files
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            LocalCa ca = LocalCa.create(dir.resolve("ca"));
            Files.setPosixFilePermissions(dir.resolve("ca"), PosixFilePermissions.fromString("rwxr-xr-x"));
            LocalCa.Issued server = ca.issueServer();
            LocalBroker b = new LocalBroker(dir, ca, freePort());
            b.writeConfig(server);
            b.start();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare mosquitto in " + dir, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Per-client queue of QoS 1 messages the broker holds before it drops (mosquitto's default is 1,000). */
    static final int MAX_QUEUED_MESSAGES = 10_000_000;

    private void writeConfig(LocalCa.Issued server) throws IOException {
        // option order matters: use_identity_as_username must follow the listener line
        String conf = String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                // sessions and queued QoS1 messages survive stop()/start() (saved on SIGTERM)
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "autosave_interval 1",
                // mosquitto drops QoS 1 messages to a subscriber with more than 1,000 queued (its
                // default), e.g. the local rules engine under load; IoT Core's rules engine does not
                "max_queued_messages " + MAX_QUEUED_MESSAGES,
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                // debug: "Received PUBLISH from <client>" lines, for principal()/clientid() of local rules (BrokerLog)
                "log_type debug",
                "connection_messages true",
                "log_timestamp_format %Y-%m-%dT%H:%M:%S",
                isRoot() ? "user root" : "",
                "listener " + port + " 127.0.0.1",
                "cafile " + ca.caCertificate().toAbsolutePath(),
                "certfile " + server.certificate().toAbsolutePath(),
                "keyfile " + server.privateKey().toAbsolutePath(),
                "require_certificate true",
                "use_identity_as_username true",
                "tls_version tlsv1.2",
                "");
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts (or restarts after {@link #stop()}) mosquitto and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException("mosquitto is not installed (" + MOSQUITTO + "): run scripts/setup.sh");
        }
        try {
            // stdbuf -oL: mosquitto's stdout log line by line, not in 4 KB blocks (BrokerLog reads it live)
            java.util.List<String> command = new java.util.ArrayList<>();
            if (Files.isExecutable(STDBUF)) {
                command.addAll(java.util.List.of(STDBUF.toString(), "-oL"));
            }
            command.addAll(java.util.List.of(MOSQUITTO.toString(), "-c", dir.resolve("mosquitto.conf").toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!accepts()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto did not start on port " + port + "; see "
                            + dir.resolve("mosquitto.log"));
                }
                Thread.sleep(20);
            }
            LOG.info("mosquitto (pid {}) listening on 127.0.0.1:{} with mutual TLS", process.pid(), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops mosquitto (SIGTERM, then SIGKILL after 5 s); clients see the connection drop. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return port;
    }

    public LocalCa ca() {
        return ca;
    }

    /** The broker's log file. */
    public Path log() {
        return dir.resolve("mosquitto.log");
    }
}
