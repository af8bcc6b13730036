package io.amsgrid.local.dynamodb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The DynamoDB stand-in: dynalite (MIT, speaks the DynamoDB wire API, in memory), started as a
 * child process on a free loopback port. Install it with {@code scripts/setup.sh} (it lands in
 * {@code .tools/node_modules/.bin/dynalite} at the project root). Use the real AWS SDK v2 client
 * against {@link #endpoint()} with any credentials and any region.
 *
 * <pre>
 * try (Dynalite dynalite = Dynalite.start()) {
 *     DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(dynalite.endpoint())...build();
 * }
 * </pre>
 *
 * Tables become ACTIVE at once (create/update/delete delays set to 0 ms). Not DynamoDB itself:
 * throughput limits and consumed capacity are dynalite's approximation.
 */
public final class Dynalite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dynalite.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts dynalite found under the project root (searched upwards from the working directory). */
    public static Dynalite start() {
        return start(findExecutable(Path.of("").toAbsolutePath()));
    }

    /** Starts the dynalite executable at {@code executable}. */
    public static Dynalite start(Path executable) {
        int port = freeLoopbackPort();
        try {
            Path log = Files.createTempFile("dynalite-", ".log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // dynalite's launcher runs "node" from PATH: prefer the node installed next to it.
            builder.environment().merge("PATH", executable.getParent().toString(), (old, dir) -> dir + ":" + old);
            Dynalite dynalite = new Dynalite(builder.start(), port, log);
            dynalite.awaitAnswer();
            LOG.debug("dynalite pid {} answers on port {}", dynalite.process.pid(), port);
            return dynalite;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dynalite " + executable, e);
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the process (its data is gone: dynalite keeps it in memory). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", log, e);
        }
    }

    static Path findExecutable(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/node_modules/.bin/dynalite");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dynalite not found in .tools/node_modules/.bin above " + from
                + ": run scripts/setup.sh at the project root to install it");
    }

    private void awaitAnswer() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest listTables = HttpRequest.newBuilder(endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with status " + process.exitValue() + ": " + logTail());
            }
            try {
                http.send(listTables, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for dynalite", e);
            }
        }
        close();
        throw new IllegalStateException("dynalite did not answer on port " + port + " within " + START_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
