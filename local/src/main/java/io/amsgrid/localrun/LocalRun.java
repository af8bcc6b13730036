package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.iot.PublishOffset;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.Fleet;
import io.amsgrid.local.meter.MeterVendor;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.localrun.feed.MeterFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * {@code ./amsgrid local}: the whole system on one machine. Starts the cloud stand-ins, simulated
 * meters writing real-format frames into pseudo-terminals, one real gateway per meter reading its
 * port and publishing over mutual TLS, the IoT rules and the ingest Lambda; shows progress; at the
 * end exports the CSV files (the S3 layout) into {@code <data>/csv/}, checks what arrived against
 * what the meters sent, and prints the summary line.
 */
public final class LocalRun {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final LocalOptions options;
    private final PrintStream out;
    private final BooleanSupplier stopRequested;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();          // null for a child process
    private final Map<String, ChildGateway> children = new HashMap<>();
    private MeterFeeds feeds;
    private final List<String> things = new ArrayList<>();
    private final Map<String, Path> configs = new HashMap<>();
    private final List<GatewayStatus> retired = new ArrayList<>();
    private final RunControl control;
    private Clock clock;
    private ExpectedData expected;
    private CloudStandIns cloud;
    private Path state;
    private Instant simStart;

    private LocalRun(LocalOptions options, PrintStream out, BooleanSupplier stopRequested, RunControl control) {
        this.options = options;
        this.out = out;
        this.stopRequested = stopRequested;
        this.control = control;
    }

    /** Runs to the end (or until {@code stopRequested}) and returns the summary. */
    public static RunSummary run(LocalOptions options, PrintStream out, BooleanSupplier stopRequested) {
        return run(options, out, stopRequested, RunControl.NONE);
    }

    /** As {@link #run(LocalOptions, PrintStream, BooleanSupplier)}, with {@code control} called while it runs. */
    public static RunSummary run(LocalOptions options, PrintStream out, BooleanSupplier stopRequested,
                                 RunControl control) {
        LocalRun run = new LocalRun(options, out, stopRequested, control);
        try {
            return run.execute();
        } finally {
            run.closeAll();
        }
    }

    private RunSummary execute() {
        state = options.dataDir().resolve("state");
        deleteRecursively(state);
        Instant realStart = Instant.now();
        Duration duration = options.duration();
        simStart = !options.simulated() ? realStart : options.start() != null ? options.start()
                : realStart.minus(duration).truncatedTo(ChronoUnit.MINUTES);
        Instant simEnd = simStart.plus(duration);
        out.printf("amsgrid local: starting the stand-ins (DynamoDB, S3, MQTT broker with mutual TLS, shadow, rules) in %s%n",
                state);
        cloud = CloudStandIns.start(state);
        resources.add(cloud);
        expected = new ExpectedData(options.intervalMinutes());
        if (options.simulated()) {
            AcceleratedClock accelerated = AcceleratedClock.paused(simStart, options.speed());
            clock = accelerated;
            List<SimulatedMeter> meters = Fleet.of(options.meters(), simStart);
            // the oracle places each frame at the instant it was observed (see MeterFeeds)
            feeds = new MeterFeeds(options.effectiveFeed(), state.resolve("tty"), options.intervalMinutes(),
                    options.speed(), (thing, f, at) -> expected.add(thing, at, f.list(), f.values(),
                            f.list() == 3 ? f.time().truncatedTo(ChronoUnit.HOURS) : null));
            resources.add(feeds);
            out.printf("feed: %s (--feed %s)%n", feeds.kind() == io.amsgrid.localrun.feed.FeedKind.MEMORY
                    ? "in-memory pipes into the gateways' byte sources" : "socat pseudo-terminals read as serial ports",
                    options.feed().name().toLowerCase(java.util.Locale.ROOT));
            for (int i = 0; i < meters.size(); i++) {
                SimulatedMeter m = meters.get(i);
                String thing = String.format("meter-%04d", i + 1);
                MeterFeeds.Port port = feeds.open(thing, m, accelerated, control.inChildProcess(thing));
                startGateway(cloud, state, thing, clock, port.sourceProperties());
                if (i < 20 || i == meters.size() - 1) {
                    out.printf("  meter %s: %s %d-phase, id %s -> gateway on %s%n", thing, m.vendor(), m.phases(),
                            m.meterId(), port.describe());
                } else if (i == 20) {
                    out.printf("  ... (meters 21 to %d likewise)%n", meters.size() - 1);
                }
            }
            awaitGatewaysReading();
            accelerated.start();
            writeAnchor(accelerated);
            feeds.start(accelerated, simStart, simEnd);
            out.printf("simulating %s from %s at %.0fx (about %d s)%n", human(duration), simStart, options.speed(),
                    accelerated.wallTimeFor(duration).toSeconds());
        } else if (options.capture() != null) {
            clock = Clock.systemUTC();
            startGateway(cloud, state, options.thing(), clock, captureSource(options.capture(), options.speed()));
            out.printf("replaying %s as %s at %.0fx%n", options.capture(), options.thing(), options.speed());
        } else {
            clock = Clock.systemUTC();
            startGateway(cloud, state, options.thing(), clock, serialSource(options.serialPort(), null));
            out.printf("reading the meter on %s as %s%n", options.serialPort(), options.thing());
        }

        RunView view = new View();
        Instant nextProgress = Instant.now();
        while (!stopRequested.getAsBoolean() && !finished(clock, simEnd)) {
            if (!Instant.now().isBefore(nextProgress)) {
                progress(clock, cloud);
                nextProgress = Instant.now().plus(PROGRESS_EVERY);
            }
            if (options.simulated()) {
                control.onTick(view);
            }
            sleep(200);
        }
        Instant simStop = options.simulated() ? min(clock.instant(), simEnd) : clock.instant();
        if (feeds != null) {
            feeds.stopFeeding();
        }
        if (options.simulated()) {
            // The last window closes when the gateways' clock passes its end (plus the publish offset).
            Instant closeAt = simStop.plus(Duration.ofMinutes(options.intervalMinutes())).plusSeconds(90);
            while (clock.instant().isBefore(closeAt) && !stopRequested.getAsBoolean()) {
                sleep(100);
            }
            control.beforeDrain(view);
        }
        drain(cloud);
        progress(clock, cloud);

        Instant[] captureSpan = options.capture() != null ? captureSpan(options.capture()) : null;
        LocalDate from = LocalDate.ofInstant(captureSpan != null ? captureSpan[0]
                : options.simulated() ? simStart : realStart, OSLO);
        LocalDate to = LocalDate.ofInstant(captureSpan != null ? captureSpan[1]
                : options.simulated() ? simStop : Instant.now(), OSLO);
        cloud.export(from, to);
        List<Path> csv = cloud.downloadCsv(options.dataDir());
        List<GatewayStatus> statuses = new ArrayList<>(retired);
        for (int i = 0; i < things.size(); i++) {
            statuses.add(statusOf(i));
        }
        RunSummary summary = RunSummary.of(options.gatewayCount(), statuses,
                cloud, options.simulated() ? expected : null, simStop, things);
        out.printf("data: DynamoDB table %s at %s; S3 bucket %s at %s (files under %s)%n", CloudStandIns.TABLE,
                cloud.settings().dynamoDbEndpoint(), CloudStandIns.BUCKET, cloud.settings().s3Endpoint(),
                state.resolve("s3"));
        out.printf("CSV: %d files under %s%n", csv.size(), options.dataDir().resolve("csv"));
        summary.problems().stream().filter(p -> p.startsWith("lost")).forEach(p -> out.println("  " + p));
        long differing = summary.problems().stream().filter(p -> p.startsWith("differs")).count();
        if (differing > 0) {
            out.printf("  %d window value(s) differ from the meters' frames: frames sent close to a window edge were "
                    + "read after it (the machine did not keep up with --speed %.0f; try a lower speed)%n",
                    differing, options.speed());
            summary.problems().stream().filter(p -> p.startsWith("differs")).forEach(p -> LOG.info(p));
        }
        if (feeds != null) {
            out.println(feeds.lagLine());
        }
        out.println(cloud.latency().line());
        out.println(summary.line());
        return summary;
    }

    /** Waits until every gateway has its port open (it then reports a connected source). */
    private void awaitGatewaysReading() {
        long end = System.nanoTime() + Duration.ofSeconds(30 + things.size() / 10).toNanos();
        while (System.nanoTime() < end && (gateways.stream().anyMatch(g -> g != null && g.connectionState()
                != io.amsgrid.gateway.iot.ConnectionState.CONNECTED)
                || children.keySet().stream().anyMatch(t -> !Files.exists(gatewayDir(t).resolve("ready"))))) {
            sleep(50);
        }
        sleep(500); // the serial sources open their ports right after start
    }

    private boolean finished(Clock clock, Instant simEnd) {
        if (options.simulated()) {
            return !clock.instant().isBefore(simEnd);
        }
        if (options.capture() != null) {
            return gateways.get(0).sourceEnded();
        }
        return !clock.instant().isBefore(simEnd); // a real meter: read for the duration, in real time
    }

    private void startGateway(CloudStandIns cloud, Path state, String thing, Clock clock, Properties source) {
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
        if (feeds == null || !feeds.inMemory(thing)) {
            // (in-memory fed runs are large: a file check per gateway every 100 ms is left out)
            p.setProperty("powerfail.triggerFile", dir.resolve("powerfail.trigger").toString());
        }
        if (options.simulated() && control.inChildProcess(thing)) {
            p.setProperty("status.intervalSeconds", "1"); // the run reads a child's status from its file
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
        configs.put(thing, file);
        things.add(thing);
        if (options.simulated() && control.inChildProcess(thing)) {
            ChildGateway child = new ChildGateway(file, dir.resolve("status.json"), simStart, options.speed(),
                    state.resolve("clock.anchor"));
            child.start();
            children.put(thing, child);
            gateways.add(null);
            return;
        }
        Gateway g = new Gateway(GatewayConfig.load(file), clock, feeds == null ? null : feeds.gatewaySource(thing));
        g.start();
        gateways.add(g);
    }

    /** Tells child-process gateways the (simulated, wall) instant pair their clock runs from. */
    private void writeAnchor(AcceleratedClock accelerated) {
        if (children.isEmpty()) {
            return;
        }
        Path anchor = state.resolve("clock.anchor");
        Path tmp = state.resolve("clock.anchor.tmp");
        long wallMs = System.currentTimeMillis();
        long simMs = accelerated.instant().toEpochMilli();
        try {
            Files.writeString(tmp, simMs + " " + wallMs);
            Files.move(tmp, anchor, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + anchor, e);
        }
    }

    private GatewayStatus statusOf(int i) {
        Gateway g = gateways.get(i);
        return g != null ? g.status() : children.get(things.get(i)).status();
    }

    private Path gatewayDir(String thing) {
        return configs.get(thing).getParent();
    }

    /** The {@link RunView} of this run. */
    private final class View implements RunView {
        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Instant start() {
            return simStart;
        }

        @Override
        public CloudStandIns cloud() {
            return cloud;
        }

        @Override
        public List<String> things() {
            return List.copyOf(things);
        }

        @Override
        public Gateway gateway(String thing) {
            int i = things.indexOf(thing);
            if (i < 0) {
                throw new IllegalArgumentException("no gateway " + thing);
            }
            if (gateways.get(i) == null) {
                throw new IllegalStateException(thing + " runs as a child process: use status(thing)");
            }
            return gateways.get(i);
        }

        @Override
        public GatewayStatus status(String thing) {
            return statusOf(things.indexOf(thing));
        }

        @Override
        public Path gatewayDir(String thing) {
            return LocalRun.this.gatewayDir(thing);
        }

        @Override
        public void killGateway(String thing) {
            ChildGateway child = children.get(thing);
            if (child == null) {
                throw new IllegalStateException(thing + " is not a child process (RunControl.inChildProcess)");
            }
            retired.add(child.status());
            child.kill();
            LOG.info("gateway {} killed (SIGKILL) at {}", thing, clock.instant());
        }

        @Override
        public void startKilledGateway(String thing) {
            ChildGateway child = children.get(thing);
            if (child == null || child.isAlive()) {
                throw new IllegalStateException(thing + " is not a killed child process");
            }
            child.start();
        }

        @Override
        public Path powerFailTrigger(String thing) {
            return gatewayDir(thing).resolve("powerfail.trigger");
        }

        @Override
        public void restartGateway(String thing) {
            int i = things.indexOf(thing);
            Gateway old = gateway(thing);
            Instant down = clock.instant();
            retired.add(old.status());
            old.close();
            Gateway g = new Gateway(GatewayConfig.load(configs.get(thing)), clock,
                    feeds == null ? null : feeds.gatewaySource(thing));
            g.start();
            gateways.set(i, g);
            // windows not yet published at the stop (a window goes out at its end plus the thing's
            // publish offset) were in memory only; the restarted gateway opens its port within
            // about a second of wall time
            expected.exclude(thing, down.minus(PublishOffset.forThing(thing)),
                    clock.instant().plusSeconds((long) Math.ceil(2 * options.speed())));
            LOG.info("gateway {} restarted at {}", thing, down);
        }

        @Override
        public ExpectedData expected() {
            return expected;
        }
    }

    private static Properties serialSource(String port, MeterVendor vendor) {
        Properties p = new Properties();
        p.setProperty("source", "serial");
        p.setProperty("serial.port", port);
        p.setProperty("serial.parity", vendor == null ? "auto" : vendor.parity() == 'N' ? "none" : "even");
        return p;
    }

    private static Properties captureSource(Path capture, double speed) {
        Properties p = new Properties();
        p.setProperty("source", "capture");
        p.setProperty("capture.file", capture.toAbsolutePath().toString());
        p.setProperty("capture.speed", Double.toString(speed));
        return p;
    }

    private void drain(CloudStandIns cloud) {
        Drain.Pending left = new Drain(out, stopRequested).await(() -> new Drain.Pending(
                java.util.stream.IntStream.range(0, things.size()).mapToLong(i -> statusOf(i).outboxDepth()).sum(),
                feeds == null ? 0 : feeds.unread(), cloud.rules().inFlight()));
        if (!left.isEmpty()) {
            out.printf("not drained: %s when the run stopped waiting; the windows they carry count as lost below%n",
                    left.describe());
        }
    }

    private void progress(Clock clock, CloudStandIns cloud) {
        long frames = 0;
        long rejects = 0;
        long outbox = 0;
        long published = 0;
        for (int i = 0; i < things.size(); i++) {
            GatewayStatus s = statusOf(i);
            frames += s.framesOk();
            rejects += s.rejectTotal();
            outbox += s.outboxDepth();
            published += s.published();
        }
        out.printf("[%s] frames %d, rejected %d, published %d, outbox %d, stored %d, duplicates discarded %d%s%n",
                clock.instant().truncatedTo(ChronoUnit.SECONDS), frames, rejects, published, outbox,
                cloud.stored(), cloud.duplicatesDiscarded(), feeds == null ? "" : feeds.progressNote());
        out.flush();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The first and last instant of a capture (its lines' {@code t}); bad lines are skipped. */
    static Instant[] captureSpan(Path capture) {
        Instant first = null;
        Instant last = null;
        long lineNo = 0;
        try (var lines = Files.lines(capture)) {
            for (String line : (Iterable<String>) lines::iterator) {
                lineNo++;
                try {
                    Instant t = io.amsgrid.gateway.source.CaptureFormat.parse(line, lineNo).at();
                    first = first == null || t.isBefore(first) ? t : first;
                    last = last == null || t.isAfter(last) ? t : last;
                } catch (io.amsgrid.gateway.source.CaptureFormat.BadLine e) {
                    // counted and reported by the gateway that replays it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + capture, e);
        }
        Instant now = Instant.now();
        return new Instant[] {first == null ? now : first, last == null ? now : last};
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAll() {
        if (feeds != null) {
            feeds.stopFeeding();
        }
        children.values().forEach(ChildGateway::close);
        for (Gateway g : gateways) {
            try {
                if (g != null) {
                    g.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("closing a gateway: {}", e.toString());
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
