package io.amsgrid.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.iot.ConnectionState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway of a local run as a child JVM ({@link ChildGatewayMain}), seen through its status file
 * (written every simulated second). {@link #kill()} is a SIGKILL: no shutdown hook, no flush.
 */
final class ChildGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path config;
    private final Path statusFile;
    private final Path log;
    private final List<String> args;
    private Process process;

    ChildGateway(Path config, Path statusFile, Instant simStart, double speed, Path anchorFile) {
        this.config = config;
        this.statusFile = statusFile;
        this.log = config.resolveSibling("gateway.log");
        this.args = List.of(config.toString(), simStart.toString(), Double.toString(speed), anchorFile.toString());
    }

    /** Starts the child JVM. */
    void start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ChildGatewayMain.class.getName()));
        cmd.addAll(args);
        try {
            Files.deleteIfExists(statusFile);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway process for " + config, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * True if the running child has the file behind {@code path} (a link is followed) open, seen
     * in {@code /proc/<pid>/fd} (Linux): for a serial port, that the gateway reads it.
     */
    boolean hasOpen(Path path) {
        if (!isAlive()) {
            return false;
        }
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            Path target = path.toRealPath();
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false; // the process or the port is gone
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last status the child wrote (all zero before its first one). */
    GatewayStatus status() {
        try {
            JsonNode n = JSON.readTree(Files.readString(statusFile));
            String last = n.path("lastPublish").isNull() ? null : n.path("lastPublish").asText(null);
            return new GatewayStatus(n.path("framesOk").asLong(), n.path("framesPerSecond").asDouble(),
                    n.path("rejects").asLong() == 0 ? Map.of() : Map.of("REJECTED", n.path("rejects").asLong()),
                    n.path("outboxDepth").asInt(), Map.of(),
                    ConnectionState.valueOf(n.path("connection").asText("DISCONNECTED")),
                    n.path("published").asLong(), last == null ? null : Instant.parse(last),
                    n.path("intervalMinutes").asInt(), n.path("powerFailEvents").asLong());
        } catch (IOException | RuntimeException e) {
            return new GatewayStatus(0, 0, Map.of(), 0, Map.of(), ConnectionState.DISCONNECTED, 0, null, 0, 0);
        }
    }

    /** Stops the child as on SIGTERM (its shutdown hook closes the gateway). */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
