package io.amsgrid.localrun;

import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.Fleet;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.localrun.feed.FeedKind;
import io.amsgrid.localrun.feed.GatewaySources;
import io.amsgrid.localrun.feed.MeterFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * {@code ./amsgrid local}: the whole system on one machine. Starts the cloud stand-ins
 * ({@link CloudStandIns}), simulated meters sending real-format frames into pseudo-terminals or
 * in-memory pipes ({@link MeterFeeds}), one real gateway per meter reading its port and publishing over mutual TLS
 * ({@link LocalGateways}), the IoT rules and the ingest Lambda; shows progress; at the end exports
 * the CSV files (the S3 layout) into {@code <data>/csv/}, checks what arrived against what the
 * meters sent ({@link ExpectedData}, {@link RunSummary}) and prints the summary line
 * ({@link RunReport}).
 */
public final class LocalRun {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    /** Meters listed one per line at the start; the rest are summed up in one line. */
    private static final int METERS_PRINTED = 20;

    private final LocalOptions options;
    private final BooleanSupplier stopRequested;
    private final RunControl control;
    private final RunReport report;
    private final PrintStream out;
    private CloudStandIns cloud;
    private LocalGateways gateways;
    private MeterFeeds feeds;

    private LocalRun(LocalOptions options, PrintStream out, BooleanSupplier stopRequested, RunControl control) {
        this.options = options;
        this.stopRequested = stopRequested;
        this.control = control;
        this.report = new RunReport(out);
        this.out = out;
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
        Path state = options.dataDir().resolve("state");
        deleteRecursively(state);
        Instant realStart = Instant.now();
        Duration duration = options.duration();
        Instant simStart = !options.simulated() ? realStart : options.start() != null ? options.start()
                : realStart.minus(duration).truncatedTo(ChronoUnit.MINUTES);
        Instant simEnd = simStart.plus(duration);
        out.printf("amsgrid local: starting the stand-ins (DynamoDB, S3, MQTT broker with mutual TLS, shadow, rules) in %s%n",
                state);
        cloud = CloudStandIns.start(state, options.route());
        out.println(cloud.routeLine());
        gateways = new LocalGateways(state, cloud, options, control, simStart);
        ExpectedData expected = new ExpectedData(options.intervalMinutes());
        Clock clock;
        RunView view = null;
        if (options.simulated()) {
            AcceleratedClock accelerated = AcceleratedClock.paused(simStart, options.speed());
            clock = accelerated;
            // the oracle places each frame in the window of the instant it was observed (MeterFeeds)
            feeds = new MeterFeeds(options.effectiveFeed(), state.resolve("tty"), accelerated,
                    options.intervalMinutes(), options.speed(), (thing, f, at) -> expected.add(thing, at, f.list(),
                            f.values(), f.list() == 3 ? f.time().truncatedTo(ChronoUnit.HOURS) : null));
            out.printf("feed: %s (--feed %s)%n", feeds.kind() == FeedKind.MEMORY
                    ? "in-memory pipes into the gateways' byte sources" : "socat pseudo-terminals read as serial ports",
                    options.feed().name().toLowerCase(Locale.ROOT));
            List<SimulatedMeter> meters = Fleet.of(options.meters(), simStart);
            for (int i = 0; i < meters.size(); i++) {
                startMeter(i, meters.get(i), clock, meters.size());
            }
            gateways.awaitReading();
            accelerated.start();
            gateways.writeAnchor(accelerated);
            feeds.start(simStart, simEnd);
            view = new LocalRunView(clock, simStart, options.speed(), cloud, gateways, feeds, expected);
            out.printf("simulating %s from %s at %.0fx (about %d s)%n", RunReport.human(duration), simStart,
                    options.speed(), accelerated.wallTimeFor(duration).toSeconds());
        } else if (options.capture() != null) {
            clock = Clock.systemUTC();
            gateways.start(options.thing(), clock, GatewaySources.capture(options.capture(), options.speed()));
            out.printf("replaying %s as %s at %.0fx%n", options.capture(), options.thing(), options.speed());
        } else {
            clock = Clock.systemUTC();
            gateways.start(options.thing(), clock, GatewaySources.serial(options.serialPort(), null));
            out.printf("reading the meter on %s as %s%n", options.serialPort(), options.thing());
        }

        Instant nextProgress = Instant.now();
        while (!stopRequested.getAsBoolean() && !finished(clock, simEnd)) {
            if (!Instant.now().isBefore(nextProgress)) {
                report.progress(clock.instant(), gateways.statuses(), cloud, progressNote());
                nextProgress = Instant.now().plus(PROGRESS_EVERY);
            }
            if (view != null) {
                control.onTick(view);
            }
            sleep(200);
        }
        Instant simStop = options.simulated() ? min(clock.instant(), simEnd) : clock.instant();
        if (feeds != null) {
            feeds.stopFeeding();
            // The last window closes when the gateways' clock passes its end (plus the publish offset).
            Instant closeAt = simStop.plus(Duration.ofMinutes(options.intervalMinutes())).plusSeconds(90);
            while (clock.instant().isBefore(closeAt) && !stopRequested.getAsBoolean()) {
                sleep(100);
            }
            control.beforeDrain(view);
        }
        drain();
        report.progress(clock.instant(), gateways.statuses(), cloud, progressNote());

        Instant[] captureSpan = options.capture() != null ? RunReport.captureSpan(options.capture()) : null;
        LocalDate from = LocalDate.ofInstant(captureSpan != null ? captureSpan[0]
                : options.simulated() ? simStart : realStart, OSLO);
        LocalDate to = LocalDate.ofInstant(captureSpan != null ? captureSpan[1]
                : options.simulated() ? simStop : Instant.now(), OSLO);
        cloud.export(from, to);
        List<Path> csv = cloud.downloadCsv(options.dataDir());
        RunSummary summary = RunSummary.of(options.gatewayCount(), gateways.statuses(),
                cloud, options.simulated() ? expected : null, simStop, gateways.things());
        report.finish(summary, cloud, state, options.dataDir(), csv, options.speed(),
                feeds == null ? null : feeds.lagLine());
        return summary;
    }

    private boolean finished(Clock clock, Instant simEnd) {
        if (options.capture() != null) {
            return gateways.sourceEnded();
        }
        return !clock.instant().isBefore(simEnd); // a real meter: read for the duration, in real time
    }

    /** Opens meter {@code i}'s port and starts its gateway on it. */
    private void startMeter(int i, SimulatedMeter m, Clock clock, int count) {
        String thing = String.format("meter-%04d", i + 1);
        MeterFeeds.Port port = feeds.open(thing, m, control.inChildProcess(thing));
        gateways.start(thing, clock, feeds.gatewaySource(thing),
                feeds.inMemory(thing) ? () -> feeds.gatewayByteSource(thing) : null);
        if (i < METERS_PRINTED || i == count - 1) {
            out.printf("  meter %s: %s %d-phase, id %s -> gateway on %s%n", thing, m.vendor(), m.phases(),
                    m.meterId(), port.describe());
        } else if (i == METERS_PRINTED) {
            out.printf("  ... (meters %d to %d likewise)%n", METERS_PRINTED + 1, count - 1);
        }
    }

    private String progressNote() {
        return feeds == null ? "" : feeds.progressNote();
    }

    /** Waits while the backlog between the meters and DynamoDB shrinks ({@link Drain}). */
    private void drain() {
        Drain.Pending left = new Drain(out, stopRequested).await(() -> new Drain.Pending(gateways.outboxDepth(),
                feeds == null ? 0 : feeds.unread(), cloud.rules().inFlight()));
        if (!left.isEmpty()) {
            out.printf("not drained: %s when the run stopped waiting; the windows they carry count as lost below%n",
                    left.describe());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static void sleep(long ms) {
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
        for (AutoCloseable c : new AutoCloseable[] {gateways, feeds, cloud}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
