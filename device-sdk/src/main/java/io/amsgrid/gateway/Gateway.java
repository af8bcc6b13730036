package io.amsgrid.gateway;

import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.payload.PayloadCodec;
import io.amsgrid.gateway.aggregate.AggregateWindow;
import io.amsgrid.gateway.aggregate.HourlyTracker;
import io.amsgrid.gateway.aggregate.WindowAggregator;
import io.amsgrid.gateway.aggregate.WindowState;
import io.amsgrid.gateway.aggregate.WindowStateFile;
import io.amsgrid.gateway.config.GatewayConfig;
import io.amsgrid.gateway.iot.ConnectionState;
import io.amsgrid.gateway.iot.IotConnection;
import io.amsgrid.gateway.iot.OutboxPublisher;
import io.amsgrid.gateway.iot.PublishOffset;
import io.amsgrid.gateway.iot.ReconnectPolicy;
import io.amsgrid.gateway.outbox.Outbox;
import io.amsgrid.gateway.powerfail.PowerFailJournal;
import io.amsgrid.gateway.powerfail.PowerFailMonitor;
import io.amsgrid.gateway.powerfail.PowerFailSignal;
import io.amsgrid.gateway.powerfail.VoltageHistory;
import io.amsgrid.gateway.rotation.CertificateRotationAgent;
import io.amsgrid.gateway.shadow.ShadowAgent;
import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.gateway.source.CaptureFormat;
import io.amsgrid.gateway.source.CaptureReplaySource;
import io.amsgrid.gateway.source.Chunk;
import io.amsgrid.gateway.source.HanMeterDecoder;
import io.amsgrid.gateway.source.MeterDecoder;
import io.amsgrid.gateway.source.SerialByteSource;
import io.amsgrid.gateway.source.TcpByteSource;
import io.amsgrid.rules.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway: meter bytes in, aggregates, hourly energy and power-fail data out to AWS IoT Core,
 * through the durable outbox. Reading and aggregating never wait for the network (AC7).
 *
 * <p>Start-up order (AC10): open the outbox, move power-fail journal events into it (they are
 * published first) and clear the journal, resume the windows a clean stop saved, then connect and
 * read the meter.
 *
 * <p>Incomplete windows are never dropped silently: when a replayed capture ends (or is stopped),
 * its open windows are published with the samples they have; a clean stop of a live source saves
 * them ({@link WindowStateFile}) and the next start resumes them, or publishes them at once if their
 * time has passed. So one window is sent once, never as two different messages.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final Duration TICK = Duration.ofMillis(100);

    private final GatewayConfig config;
    private final Clock wallClock;
    private final Outbox outbox;
    private final WindowAggregator aggregator;
    private final HourlyTracker hourly;
    private final VoltageHistory history;
    private final PowerFailMonitor powerFail;
    private final MeterDecoder decoder;
    private final ByteSource source;
    private final IotConnection connection;
    private final boolean rotation;
    private final OutboxPublisher publisher;
    private final BufferedWriter recorder;
    private final WindowStateFile savedWindows;
    private final GatewayThreads threads;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile Instant clock;          // the gateway clock: wall, or the capture's t
    private volatile Instant lastStatusAt;   // wall clock
    private volatile Instant lastFrameAt;
    private volatile boolean stopped;
    private volatile boolean sourceEnded;
    private volatile boolean started;
    private volatile long framesAtLastStatus;
    private Thread sourceThread;
    private volatile GatewayThreads.Ticking ticking = () -> { }; // until start()

    public Gateway(GatewayConfig config, Clock wallClock) {
        this(config, wallClock, null);
    }

    /**
     * A gateway reading {@code sourceOverride} instead of the source its configuration names (the local
     * load harness feeds simulated meters through in-memory pipes); null = the configured source.
     */
    public Gateway(GatewayConfig config, Clock wallClock, ByteSource sourceOverride) {
        this(config, wallClock, sourceOverride, GatewayThreads.own());
    }

    /**
     * As {@link #Gateway(GatewayConfig, Clock, ByteSource)}, its work scheduled by {@code threads}
     * (many gateways in one JVM share a ticker and use virtual threads: {@link GatewayThreads#fleet}).
     */
    public Gateway(GatewayConfig config, Clock wallClock, ByteSource sourceOverride, GatewayThreads threads) {
        this.config = config;
        this.threads = threads;
        this.wallClock = wallClock;
        this.clock = wallClock.instant();
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        this.outbox = Outbox.open(config.dataDir().resolve("outbox"), config.outboxLimits(), wallClock);
        Duration offset = config.publishOffset().orElseGet(() -> PublishOffset.forThing(config.thing()));
        this.aggregator = new WindowAggregator(config.intervalMinutes(), offset);
        this.hourly = new HourlyTracker(config.dataDir().resolve("hourly.state"));
        this.history = new VoltageHistory(config.powerFail().history());
        this.powerFail = new PowerFailMonitor(signals(), history, new PowerFailJournal(config.powerFail().journal()));
        this.decoder = new HanMeterDecoder(new Readings(), SecurityKeys.NONE);
        this.source = sourceOverride != null ? sourceOverride : source();
        // replaying, the clock is the capture's t from its first chunk on (never the wall clock)
        this.clock = source.isReplay() ? Instant.EPOCH : wallClock.instant();
        this.rotation = rotationWanted(config);
        if (rotation) {
            CertificateRotationAgent.recoverFiles(config.certificate(), config.privateKey());
        }
        this.connection = new IotConnection(new IotConnection.Settings(config.endpoint(), config.port(), config.thing(),
                config.certificate(), config.privateKey(), config.caCertificate(),
                new ReconnectPolicy(config.reconnectMin(), config.reconnectMax(), Duration.ofSeconds(30))),
                threads.callbackExecutor());
        this.publisher = new OutboxPublisher(outbox, connection, config.thing(), wallClock, threads.publisherThreads());
        this.recorder = openRecorder(config.recordFile());
        this.savedWindows = new WindowStateFile(config.dataDir().resolve("open-windows"));
        LOG.info("gateway {}: source {}, interval {} min, publish offset {} s, data in {}", config.thing(),
                source.describe(), config.intervalMinutes(), offset.toSeconds(), config.dataDir());
    }

    /** Rotation runs unless disabled, and only if the certificate and key files can be replaced. */
    private static boolean rotationWanted(GatewayConfig config) {
        if (!config.rotation()) {
            LOG.info("certificate rotation off (rotation.enabled = false)");
            return false;
        }
        for (Path f : List.of(config.certificate(), config.privateKey())) {
            Path dir = f.toAbsolutePath().getParent();
            if (!Files.isWritable(f) || !Files.isWritable(dir)) {
                LOG.warn("certificate rotation off: {} or its directory is not writable by the gateway", f);
                return false;
            }
        }
        LOG.info("certificate rotation on: a rotation replaces {} and {}", config.certificate(), config.privateKey());
        return true;
    }

    private List<PowerFailSignal> signals() {
        GatewayConfig.PowerFailConfig pf = config.powerFail();
        List<PowerFailSignal> s = new ArrayList<>();
        if (pf.gpioValueFile() != null) {
            s.add(new PowerFailSignal.GpioLine(pf.gpioValueFile(), pf.gpioActiveLow()));
        }
        if (pf.meterSilence() != null) {
            s.add(new PowerFailSignal.MeterSilence(pf.meterSilence(), () -> lastFrameAt));
        }
        if (pf.triggerFile() != null) {
            s.add(new PowerFailSignal.TriggerFile(pf.triggerFile()));
        }
        return s;
    }

    private ByteSource source() {
        return switch (config.source()) {
            case GatewayConfig.SourceConfig.Serial s -> new SerialByteSource(s.port(), s.parity(), Duration.ofSeconds(25),
                    decoder::framesOk, wallClock);
            case GatewayConfig.SourceConfig.Tcp t -> new TcpByteSource(t.host(), t.port(), wallClock);
            case GatewayConfig.SourceConfig.Capture c -> new CaptureReplaySource(c.file(), c.speed());
        };
    }

    private static BufferedWriter openRecorder(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the capture file " + file + " for recording", e);
        }
    }

    /** Publishes journaled power failures first, then connects and starts reading. */
    public void start() {
        PowerFailJournal journal = new PowerFailJournal(config.powerFail().journal());
        PowerFailJournal.Contents pf = journal.read();
        for (PowerFailJournal.Event e : pf.events()) {
            outbox.add(MessageKind.PF, seq -> PayloadCodec.encode(PayloadMapper.powerFail(e, seq)));
            LOG.warn("power failure of {} ({}, {} voltage samples) queued for pf/{}", e.signalAt(), e.reason(),
                    e.samples().size(), config.thing());
        }
        if (!pf.isEmpty()) {
            journal.clear();
        }
        restoreSavedWindows();
        started = true;
        new ShadowAgent(connection, config.thing(), this::setIntervalMinutes, aggregator::intervalMinutes,
                () -> status().json()).start();
        if (rotation) {
            new CertificateRotationAgent(connection, config.thing(), config.certificate(), config.privateKey()).start();
        }
        connection.start();
        publisher.start();
        lastStatusAt = wallClock.instant();
        sourceThread = threads.thread("meter-source", false, !source.suitsVirtualThread(), this::readSource);
        sourceThread.start();
        ticking = threads.startTicking(config.thing(), TICK, this::tick);
    }

    private void readSource() {
        long backoffMs = 1000;
        while (!stopped) {
            try {
                boolean ended = source.run(this::onChunk);
                if (source.isReplay() && ended) {
                    List<AggregateWindow> last;
                    synchronized (lock) {
                        last = aggregator.drainIncomplete();
                        enqueue(last);
                    }
                    LOG.info("capture replay finished at {}; {} incomplete window(s) published with the samples they have{}",
                            clock, last.size(), describe(last));
                    sourceEnded = true;
                    return;
                }
            } catch (IOException e) {
                LOG.warn("meter source {}: {}; retrying in {} s", source.describe(), e.getMessage(), backoffMs / 1000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 30_000);
        }
    }

    private void onChunk(Chunk c) {
        if (recorder != null) {
            try {
                recorder.write(CaptureFormat.line(c));
                recorder.newLine();
                recorder.flush();
            } catch (IOException e) {
                LOG.warn("cannot write the capture recording: {}", e.getMessage());
            }
        }
        synchronized (lock) {
            if (c.at().isAfter(clock)) {
                clock = c.at();
            }
            try {
                decoder.feed(c);
            } catch (RuntimeException e) {
                // e.g. the outbox disk is full: keep reading, the next frames may be stored again
                LOG.error("could not process meter data received at {}: {}", c.at(), e.getMessage());
            }
        }
    }

    private final class Readings implements MeterDecoder.Listener {
        @Override
        public void onReading(MeterReading reading, Instant at, byte[] frame) {
            lastFrameAt = at;
            history.accept(reading, at);
            hourly.accept(reading, at).filter(h -> !h.registers().isEmpty()).ifPresent(h ->
                    outbox.add(MessageKind.HR, seq -> PayloadCodec.encode(PayloadMapper.hourly(h, seq).orElseThrow())));
            enqueue(aggregator.accept(reading, at));
            if (config.rawForward() && frame != null) {
                outbox.add(MessageKind.RAW, frame);
            }
        }

        @Override
        public void onReject(String reason, String message, Instant at) {
            LOG.debug("frame rejected ({}): {}", reason, message);
        }
    }

    private void enqueue(List<AggregateWindow> windows) {
        for (AggregateWindow w : windows) {
            if (w.stats().isEmpty()) {
                continue;
            }
            outbox.add(MessageKind.AVG, seq -> PayloadCodec.encode(
                    PayloadMapper.aggregate(w, seq).orElseThrow()));
            LOG.debug("window {} - {} ({} lists) queued", w.start(), w.end(), w.readings());
        }
    }

    /** One tick (every {@link #TICK}): power-fail signals, windows due, the status when its interval passed. */
    private void tick() {
        try {
            Instant wall = wallClock.instant();
            Instant now = source.isReplay() ? clock : wall;
            if (!source.isReplay()) {
                clock = now;
            }
            powerFail.poll(now);
            synchronized (lock) {
                enqueue(aggregator.advanceTo(now));
            }
            if (Duration.between(lastStatusAt, wall).compareTo(config.statusInterval()) >= 0) {
                writeStatus(wall);
            }
        } catch (RuntimeException e) {
            LOG.error("gateway tick: {}", e.toString());
        }
    }

    private void writeStatus(Instant now) {
        GatewayStatus s = status();
        if (LOG.isInfoEnabled()) {
            LOG.info(s.line()); // (formatting it costs more than the rest of a tick)
        }
        framesAtLastStatus = decoder.framesOk();
        lastStatusAt = now;
        if (config.statusFile() != null) {
            try {
                Path tmp = config.statusFile().resolveSibling(config.statusFile().getFileName() + ".tmp");
                Files.writeString(tmp, io.amsgrid.gateway.json.Json.write(s.json()) + "\n");
                Files.move(tmp, config.statusFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("cannot write the status file {}: {}", config.statusFile(), e.getMessage());
            }
        }
    }

    /** The current status. */
    public GatewayStatus status() {
        double seconds = lastStatusAt == null ? 0 : Duration.between(lastStatusAt, wallClock.instant()).toMillis() / 1000.0;
        double fps = seconds <= 0 ? 0 : (decoder.framesOk() - framesAtLastStatus) / seconds;
        return new GatewayStatus(decoder.framesOk(), fps, decoder.rejectsByReason(), outbox.depth(), outbox.dropped(),
                connection.state(), publisher.published(), publisher.lastPublish(), aggregator.intervalMinutes(),
                powerFail.events());
    }

    /** Applies a new send interval (from the shadow) from the end of the current window. */
    public void setIntervalMinutes(int minutes) {
        synchronized (lock) {
            aggregator.setIntervalMinutes(minutes);
        }
    }

    /** True once a capture replay has ended (live sources never end). */
    public boolean sourceEnded() {
        return sourceEnded;
    }

    public int outboxDepth() {
        return outbox.depth();
    }

    public ConnectionState connectionState() {
        return connection.state();
    }

    /**
     * The MQTT connection, for add-ons that share it (certificate rotation
     * subscribes on it and calls {@link IotConnection#switchCertificate}). Register subscriptions
     * before {@link #start()}.
     */
    public IotConnection connection() {
        return connection;
    }

    /** Waits until a replayed capture ended and the outbox is empty; false on timeout. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (sourceEnded && outbox.depth() == 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Resumes the windows the last clean stop saved: those still open on the clock go on collecting
     * samples, those whose publish time has passed are queued now. A capture runs on its own clock,
     * so it leaves a live run's saved windows for the next live start.
     */
    private void restoreSavedWindows() {
        if (source.isReplay()) {
            if (Files.exists(savedWindows.file())) {
                LOG.info("{} (open windows of a live run) is kept for the next live start", savedWindows.file());
            }
            return;
        }
        WindowStateFile.Contents saved = savedWindows.read();
        if (saved.defect() != null) {
            Path aside = savedWindows.moveAside();
            LOG.warn("the open windows saved at the last stop are damaged ({}); their samples are lost; file kept as {}",
                    saved.defect(), aside);
            return;
        }
        if (saved.windows().isEmpty()) {
            return;
        }
        List<AggregateWindow> over;
        synchronized (lock) {
            aggregator.restore(saved.windows());
            over = aggregator.advanceTo(wallClock.instant());
            enqueue(over);
        }
        savedWindows.delete();
        LOG.info("restored {} window(s) saved at the last stop: {} published now with the samples they have{}, "
                + "{} still open and collecting", saved.windows().size(), over.size(), describe(over),
                saved.windows().size() - over.size());
    }

    /** On stop: a capture's open windows are queued as they are; a live source's are saved for the next start. */
    private void stopOpenWindows() {
        synchronized (lock) {
            if (source.isReplay()) {
                List<AggregateWindow> last = aggregator.drainIncomplete();
                enqueue(last);
                if (!last.isEmpty()) {
                    LOG.info("replay stopped at {}; {} incomplete window(s) queued with the samples they have{}", clock,
                            last.size(), describe(last));
                }
                return;
            }
            List<WindowState> open = aggregator.takeOpen();
            try {
                savedWindows.write(open);
                if (!open.isEmpty()) {
                    LOG.info("saved {} open window(s) to {}; the next start resumes them{}", open.size(),
                            savedWindows.file(), describe(open.stream().map(WindowState::toWindow).toList()));
                }
            } catch (RuntimeException e) {
                LOG.error("could not save the open windows{}: their samples are lost: {}",
                        describe(open.stream().map(WindowState::toWindow).toList()), e.getMessage());
            }
        }
    }

    private static String describe(List<AggregateWindow> windows) {
        StringBuilder sb = new StringBuilder();
        for (AggregateWindow w : windows) {
            sb.append(sb.isEmpty() ? ": " : ", ").append(w.start()).append('-').append(w.end())
                    .append(" (").append(w.readings()).append(" lists)");
        }
        return sb.toString();
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopped = true;
        source.close();
        join(sourceThread);   // no sample arrives after this
        ticking.stop();       // no tick runs after this
        if (started) {
            stopOpenWindows();
        }
        publisher.close();
        connection.close();
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                LOG.debug("closing the recording: {}", e.getMessage());
            }
        }
        LOG.info("gateway {} stopped; {} messages remain in the outbox", config.thing(), outbox.depth());
    }
}
