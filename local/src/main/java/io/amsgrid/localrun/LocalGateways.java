package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.GatewayThreads;
import io.amsgrid.gateway.GatewayTicker;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.iot.ConnectionState;
import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.mqtt.LocalCa;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The real gateways of a local run, one per thing: each gets a client certificate from the local
 * CA and a gateway.properties under {@code <state>/gateways/<thing>/}, and runs in this JVM or,
 * when the {@link RunControl} asks, in a child JVM ({@link ChildGateway}) that can be SIGKILLed.
 * Statuses of gateways that were stopped or killed are kept, so the run's frame counts include them.
 * An in-process gateway may read a byte source given to it (an in-memory pipe) instead of the
 * source its configuration names. In-process gateways share one {@link GatewayTicker} and run their
 * other work on virtual threads ({@link GatewayThreads#fleet}); a child process is a
 * {@code GatewayMain} with its own threads.
 */
final class LocalGateways implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGateways.class);

    private final Path state;
    private final CloudStandIns cloud;
    private final LocalOptions options;
    private final RunControl control;
    private final Instant simStart;
    private final Map<String, Gateway> inProcess = new LinkedHashMap<>();
    private final Map<String, ChildGateway> children = new LinkedHashMap<>();
    private final Map<String, Path> configs = new LinkedHashMap<>();
    private final Map<String, Supplier<ByteSource>> byteSources = new LinkedHashMap<>();
    private final List<GatewayStatus> retired = new ArrayList<>();
    /** One tick thread for all in-process gateways, their other work on virtual threads. */
    private final GatewayTicker ticker = GatewayTicker.start(Duration.ofMillis(100));
    private final GatewayThreads threads = GatewayThreads.fleet(ticker);

    LocalGateways(Path state, CloudStandIns cloud, LocalOptions options, RunControl control, Instant simStart) {
        this.state = state;
        this.cloud = cloud;
        this.options = options;
        this.control = control;
        this.simStart = simStart;
    }

    /** Writes {@code thing}'s gateway.properties (reading {@code source}) and starts its gateway. */
    synchronized void start(String thing, Clock clock, Properties source) {
        start(thing, clock, source, null);
    }

    /**
     * As {@link #start(String, Clock, Properties)}; an in-process gateway reads what
     * {@code byteSource} gives (asked again on a {@link #restart}) instead of {@code source}, which
     * then only names it. Null = the configured source.
     */
    synchronized void start(String thing, Clock clock, Properties source, Supplier<ByteSource> byteSource) {
        boolean child = options.simulated() && control.inChildProcess(thing);
        if (child && byteSource != null) {
            throw new IllegalArgumentException(thing + "'s gateway runs in a child process: it cannot read an "
                    + "in-process byte source");
        }
        Path file = writeConfig(thing, source, child, byteSource != null);
        configs.put(thing, file);
        if (child) {
            ChildGateway c = new ChildGateway(file, file.resolveSibling("status.json"), simStart, options.speed(),
                    state.resolve("clock.anchor"));
            c.start();
            children.put(thing, c);
            return;
        }
        if (byteSource != null) {
            byteSources.put(thing, byteSource);
        }
        Gateway g = new Gateway(GatewayConfig.load(file), clock, byteSource == null ? null : byteSource.get(), threads);
        g.start();
        inProcess.put(thing, g);
    }

    private Path writeConfig(String thing, Properties source, boolean child, boolean inMemory) {
        LocalCa.Issued cert = cloud.broker().ca().issueClient(thing);
        Path dir = state.resolve("gateways").resolve(thing);
        Properties p = new Properties();
        p.setProperty("thing", thing);
        p.setProperty("endpoint", cloud.broker().host());
        p.setProperty("port", Integer.toString(cloud.broker().port()));
        p.setProperty("certificate", cert.certificate().toString());
        p.setProperty("privateKey", cert.privateKey().toString());
        p.setProperty("caCertificate", cloud.broker().ca().caCertificate().toString());
        p.setProperty("dataDir", dir.resolve("data").toString());
        p.setProperty("intervalMinutes", Integer.toString(options.intervalMinutes()));
        p.setProperty("status.file", dir.resolve("status.json").toString());
        if (!inMemory) {
            // (in-memory fed runs are large: a file check per gateway every 100 ms is left out)
            p.setProperty("powerfail.triggerFile", dir.resolve("powerfail.trigger").toString());
        }
        if (child) {
            p.setProperty("status.intervalSeconds", "1"); // the run reads a child's status from its file
        } else if (options.simulated()) {
            // the interval runs on the gateway's (accelerated) clock: about once a wall minute, as on a
            // real gateway, instead of every gateway writing its status file every wall second at 60x
            long seconds = Math.clamp(Math.round(60 * options.speed()), 60, 86_400);
            p.setProperty("status.intervalSeconds", Long.toString(seconds));
        }
        if (options.simulated()) {
            control.gatewaySettings(thing).forEach(p::setProperty);
        }
        p.putAll(source);
        Path file = dir.resolve("gateway.properties");
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "amsgrid local: gateway " + thing);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    synchronized List<String> things() {
        return List.copyOf(configs.keySet());
    }

    /** The state directory of {@code thing}'s gateway. */
    synchronized Path dir(String thing) {
        Path config = configs.get(thing);
        if (config == null) {
            throw new IllegalArgumentException("no gateway " + thing);
        }
        return config.getParent();
    }

    /** The running in-process gateway of {@code thing}. */
    synchronized Gateway inProcess(String thing) {
        Gateway g = inProcess.get(thing);
        if (g == null) {
            dir(thing); // no such thing: that message
            throw new IllegalStateException(thing + " runs as a child process: use status(thing)");
        }
        return g;
    }

    /** The status of {@code thing}'s gateway (a child process: as of its last status file). */
    synchronized GatewayStatus status(String thing) {
        Gateway g = inProcess.get(thing);
        return g != null ? g.status() : children.get(thing).status();
    }

    /** Every gateway's status, the stopped and killed ones' last status included. */
    synchronized List<GatewayStatus> statuses() {
        List<GatewayStatus> all = new ArrayList<>(retired);
        configs.keySet().forEach(t -> all.add(status(t)));
        return all;
    }

    /** True once the (only) gateway's capture replay ended. */
    synchronized boolean sourceEnded() {
        return inProcess.values().stream().allMatch(Gateway::sourceEnded);
    }

    /** Waits until every gateway has its port open (it then reports a connected source). */
    void awaitReading() {
        long end = System.nanoTime() + Duration.ofSeconds(30 + things().size() / 10).toNanos();
        while (System.nanoTime() < end && !allReading()) {
            LocalRun.sleep(50);
        }
        LocalRun.sleep(500); // the serial sources open their ports right after start
    }

    private synchronized boolean allReading() {
        return inProcess.values().stream().allMatch(g -> g.connectionState() == ConnectionState.CONNECTED)
                && children.keySet().stream().allMatch(t -> Files.exists(dir(t).resolve("ready")));
    }

    /** Tells child-process gateways the (simulated, wall) instant pair their clock runs from. */
    synchronized void writeAnchor(AcceleratedClock accelerated) {
        if (children.isEmpty()) {
            return;
        }
        Path anchor = state.resolve("clock.anchor");
        Path tmp = state.resolve("clock.anchor.tmp");
        long wallMs = System.currentTimeMillis();
        long simMs = accelerated.instant().toEpochMilli();
        try {
            Files.writeString(tmp, simMs + " " + wallMs);
            Files.move(tmp, anchor, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + anchor, e);
        }
    }

    /** SIGKILLs {@code thing}'s child-process gateway and waits until it is gone. */
    synchronized void kill(String thing) {
        ChildGateway child = children.get(thing);
        if (child == null) {
            throw new IllegalStateException(thing + " is not a child process (RunControl.inChildProcess)");
        }
        retired.add(child.status());
        child.kill();
    }

    /** Starts a child JVM again for a gateway {@link #kill killed} before, on the same config and state. */
    synchronized void startKilled(String thing) {
        ChildGateway child = children.get(thing);
        if (child == null || child.isAlive()) {
            throw new IllegalStateException(thing + " is not a killed child process");
        }
        child.start();
    }

    /** True if {@code thing}'s child-process gateway has {@code port} (a link is followed) open. */
    synchronized boolean childHasOpen(String thing, Path port) {
        return children.get(thing).hasOpen(port);
    }

    /** Stops {@code thing}'s in-process gateway as on a shutdown and starts a new one on the same config. */
    synchronized void restart(String thing, Clock clock) {
        Gateway old = inProcess(thing);
        retired.add(old.status());
        old.close();
        Supplier<ByteSource> byteSource = byteSources.get(thing);
        Gateway g = new Gateway(GatewayConfig.load(configs.get(thing)), clock,
                byteSource == null ? null : byteSource.get(), threads);
        g.start();
        inProcess.put(thing, g);
    }

    /** Messages in the running gateways' outboxes. */
    long outboxDepth() {
        return things().stream().mapToLong(t -> status(t).outboxDepth()).sum();
    }

    @Override
    public synchronized void close() {
        children.values().forEach(ChildGateway::close);
        for (Gateway g : inProcess.values()) {
            try {
                g.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a gateway: {}", e.toString());
            }
        }
        ticker.close();
        if (ticker.skippedTicks() > 0 || ticker.failedTicks() > 0) {
            LOG.info("gateway ticks: {} run, {} skipped (the gateway's previous tick still running), {} failed",
                    ticker.ticks(), ticker.skippedTicks(), ticker.failedTicks());
        }
    }
}
