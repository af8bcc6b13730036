package io.amsgrid.localrun.feed;

import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.MeterFeeder;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.serial.PseudoTerminalPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The simulated meters of a local run and the lines to their gateways ({@link FeedKind}): one port
 * per meter, fed once the simulated clock runs, and every frame told to the {@link Observer} (the
 * oracle) with the instant it was observed: read by the gateway (memory) or written into the
 * pseudo-terminal (PTY). {@link #lag()} says how far behind the simulated clock that was.
 *
 * <p>A PTY port is one socat pair (the meter end written by a {@link MeterFeeder}, the gateway end
 * opened by path like a USB adapter). {@link #unplug}/{@link #replug}/{@link #resume} take one
 * meter's PTY away and give it back, as pulling and re-inserting the adapter: the pair ends (its
 * links disappear), a new pair appears under the same link names, and the frames the meter sent in
 * between went nowhere (neither read nor told to the observer). A gateway in a child process (the
 * one a fault test kills) always gets a PTY; in-memory pipes are never unplugged.
 */
public final class MeterFeeds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeterFeeds.class);
    private static final int MAX_FEED_THREADS = 4;
    private static final int METERS_PER_FEED_THREAD = 100;

    /** Gets every frame of every meter once, with the simulated instant it was observed. */
    public interface Observer {
        void onFrame(String thing, SimulatedMeter.Frame frame, Instant observedAt);
    }

    /** A meter's end of the line to its gateway. */
    public sealed interface Port {
        SimulatedMeter meter();

        /** What the gateway reads, for the run's output. */
        String describe();
    }

    record Pty(SimulatedMeter meter, PseudoTerminalPair pair) implements Port {
        @Override
        public String describe() {
            return pair.gatewayEnd().toString();
        }
    }

    record Memory(SimulatedMeter meter, MemoryPipe pipe) implements Port {
        @Override
        public String describe() {
            return "an in-memory pipe";
        }
    }

    /** A PTY port taken away by {@link #unplug} (no pair). */
    record Unplugged(SimulatedMeter meter) implements Port {
        @Override
        public String describe() {
            return "(unplugged)";
        }
    }

    private final FeedKind kind;
    private final Path ptyDir;
    private final AcceleratedClock clock;
    private final Observer observer;
    private final ClockLag lag;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final Map<String, MeterFeeder> ptyFeeders = new LinkedHashMap<>();
    private final List<MemoryFeed> memoryFeeds = new ArrayList<>();
    private Instant end;
    private boolean stopped;
    private long neverRead;

    /**
     * @param kind   {@link FeedKind#PTY} or {@link FeedKind#MEMORY} (resolve {@code AUTO} first)
     * @param ptyDir where the pseudo-terminal links go
     * @param clock  the run's simulated clock (paused until the run starts it)
     */
    public MeterFeeds(FeedKind kind, Path ptyDir, AcceleratedClock clock, int intervalMinutes, double speed,
                      Observer observer) {
        if (kind == FeedKind.AUTO) {
            throw new IllegalArgumentException("resolve FeedKind.AUTO for the meter count first");
        }
        this.kind = kind;
        this.ptyDir = ptyDir;
        this.clock = clock;
        this.observer = observer;
        this.lag = new ClockLag(intervalMinutes, speed);
    }

    public FeedKind kind() {
        return kind;
    }

    /**
     * Opens {@code thing}'s port (not yet fed). A gateway in a child process ({@code separateProcess})
     * cannot read an in-memory pipe, so it gets a pseudo-terminal whatever the kind.
     */
    public synchronized Port open(String thing, SimulatedMeter meter, boolean separateProcess) {
        Port port = kind == FeedKind.PTY || separateProcess
                ? new Pty(meter, PseudoTerminalPair.open(ptyDir, thing))
                : new Memory(meter, new MemoryPipe(thing, clock, (f, at) -> observed(thing, f, at)));
        ports.put(thing, port);
        return port;
    }

    /**
     * The meter source of {@code thing}'s gateway ({@code source=...} entries of its
     * gateway.properties): the one place that decides how a simulated meter's bytes reach its
     * gateway. With an in-memory pipe the gateway must also be given {@link #gatewayByteSource}.
     */
    public synchronized Properties gatewaySource(String thing) {
        return switch (port(thing)) {
            case Pty p -> GatewaySources.serial(p.pair().gatewayEnd().toString(), p.meter().vendor());
            case Memory m -> GatewaySources.memory(thing);
            case Unplugged u -> throw new IllegalStateException(thing + " is unplugged");
        };
    }

    /** A new reader of {@code thing}'s in-memory pipe for a (re)started gateway, or null for a PTY. */
    public synchronized ByteSource gatewayByteSource(String thing) {
        return port(thing) instanceof Memory m ? m.pipe().gatewayEnd() : null;
    }

    /** Where {@code thing}'s gateway opens its pseudo-terminal (the link to the gateway end of the pair). */
    public synchronized Path gatewayPort(String thing) {
        return pty(thing).pair().gatewayEnd();
    }

    /** True if {@code thing}'s meter feeds its gateway through an in-memory pipe. */
    public synchronized boolean inMemory(String thing) {
        return ports.get(thing) instanceof Memory;
    }

    /** Starts every meter (created to start at {@code from}) on the running clock, up to {@code end}. */
    public synchronized void start(Instant from, Instant end) {
        this.end = end;
        List<MemoryFeed.Line> lines = new ArrayList<>();
        ports.forEach((thing, port) -> {
            switch (port) {
                case Pty p -> startFeeder(thing, p);
                case Memory m -> lines.add(new MemoryFeed.Line(m.meter(), m.pipe()));
                case Unplugged u -> { } // (none before the start)
            }
        });
        // a few feed threads, each with its share of the meters: on a busy machine one thread gets
        // too small a share of the CPU to keep a thousand meters' cadence
        int threads = Math.min(MAX_FEED_THREADS, 1 + lines.size() / METERS_PER_FEED_THREAD);
        for (int t = 0; t < threads; t++) {
            List<MemoryFeed.Line> share = new ArrayList<>();
            for (int i = t; i < lines.size(); i += threads) {
                share.add(lines.get(i));
            }
            if (!share.isEmpty()) {
                memoryFeeds.add(MemoryFeed.start(share, clock, from, end));
            }
        }
    }

    private void startFeeder(String thing, Pty p) {
        // observed when written: the harness cannot see the gateway's serial read
        ptyFeeders.put(thing, MeterFeeder.start(p.meter(), p.pair().openMeterOutput(), clock, end,
                f -> observed(thing, f, clock.instant())));
    }

    private void observed(String thing, SimulatedMeter.Frame f, Instant at) {
        lag.record(f.time(), at);
        observer.onFrame(thing, f, at);
    }

    /**
     * Pulls {@code thing}'s adapter: its meter stops being written (no further frame reaches the
     * observer) and its pseudo-terminal pair ends. Returns once nothing more is written.
     */
    public synchronized void unplug(String thing) {
        Pty p = pty(thing);
        MeterFeeder f = ptyFeeders.remove(thing);
        if (f != null) {
            f.close();
        }
        ports.remove(thing);
        p.pair().close();
        ports.put(thing, new Unplugged(p.meter()));
        LOG.info("meter {} unplugged at {}", thing, clock.instant());
    }

    /** Plugs {@code thing}'s adapter in again: a new pair under the same link names, not yet fed. */
    public synchronized void replug(String thing) {
        if (!(ports.get(thing) instanceof Unplugged u)) {
            throw new IllegalStateException(thing + " is not unplugged");
        }
        ports.put(thing, new Pty(u.meter(), PseudoTerminalPair.open(ptyDir, thing)));
    }

    /**
     * Starts writing {@code thing}'s meter again after {@link #replug}: the frames it would have
     * sent while unplugged are dropped, the next one goes out at its simulated time.
     */
    public synchronized void resume(String thing) {
        if (stopped || end == null || !(ports.get(thing) instanceof Pty p) || ptyFeeders.containsKey(thing)) {
            return; // the run ended meanwhile
        }
        int dropped = p.meter().framesUntil(clock.instant()).size();
        startFeeder(thing, p);
        LOG.info("meter {} feeding again at {} ({} frames of the unplugged time dropped)", thing, clock.instant(),
                dropped);
    }

    private Port port(String thing) {
        Port p = ports.get(thing);
        if (p == null) {
            throw new IllegalArgumentException("no meter " + thing);
        }
        return p;
    }

    private Pty pty(String thing) {
        return switch (port(thing)) {
            case Pty p -> p;
            case Memory m -> throw new IllegalStateException(thing + " is fed through an in-memory pipe, not a "
                    + "pseudo-terminal (only a child-process gateway's meter is always on a pseudo-terminal)");
            case Unplugged u -> throw new IllegalStateException(thing + " is unplugged");
        };
    }

    /** Frames sent into in-memory pipes and not yet read by their gateways. */
    public synchronized long unread() {
        return ports.values().stream().mapToLong(p -> p instanceof Memory m ? m.pipe().pending() : 0).sum();
    }

    /** A suffix for the progress line: how far behind the simulated clock the frames are now. */
    public String progressNote() {
        return String.format(Locale.ROOT, ", frame lag %.1f s (max %.1f s)", lag.lastMs() / 1000.0,
                lag.snapshot().maxMs() / 1000.0) + (kind == FeedKind.MEMORY ? ", unread frames " + unread() : "");
    }

    public ClockLag lag() {
        return lag;
    }

    /** What {@link #lag()} measures, for its line. */
    public String lagObserved() {
        return kind == FeedKind.MEMORY ? "read by the gateways" : "written to the pseudo-terminals";
    }

    /**
     * Stops every meter (the ports stay open until {@link #close()}). Frames still unread in
     * in-memory pipes are dropped: the run's simulated time is over, and a frame the gateway never
     * read is not in the oracle either ({@link #lagLine()} counts them).
     */
    public synchronized void stopFeeding() {
        stopped = true;
        ptyFeeders.values().forEach(MeterFeeder::close);
        memoryFeeds.forEach(MemoryFeed::close);
        for (Port p : ports.values()) {
            if (p instanceof Memory m) {
                neverRead += m.pipe().discardUnread();
            }
        }
    }

    /** The clock-lag line for the end of the run. */
    public synchronized String lagLine() {
        return lag.snapshot().line(lagObserved()) + (neverRead == 0 ? ""
                : String.format("; %d frames sent but not read by their gateways when the run ended were dropped "
                        + "(the machine did not keep up)", neverRead));
    }

    @Override
    public synchronized void close() {
        stopFeeding();
        for (Port p : ports.values()) {
            if (p instanceof Pty pty) {
                try {
                    pty.pair().close();
                } catch (RuntimeException e) {
                    LOG.warn("closing the pseudo-terminal pair {}: {}", pty.pair().gatewayEnd(), e.toString());
                }
            }
        }
    }
}
