package io.amsgrid.localrun.feed;

import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.MeterFeeder;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.serial.PseudoTerminalPair;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The simulated meters of a local run and the lines to their gateways ({@link FeedKind}): opens
 * one port per meter, starts feeding when the simulated clock starts, and tells the
 * {@link Observer} (the oracle) about every frame with the instant it was observed: read by the
 * gateway (memory) or written into the pseudo-terminal (PTY). {@link #lag()} says how far behind
 * the simulated clock that was.
 */
public final class MeterFeeds implements AutoCloseable {

    /** Gets every frame of every meter once, with the simulated instant it was observed. */
    public interface Observer {
        void onFrame(String thing, SimulatedMeter.Frame frame, Instant observedAt);
    }

    /** A meter's end of the line to its gateway. */
    public sealed interface Port {
        /** The gateway configuration's source properties for this port. */
        Properties sourceProperties();

        /** What the gateway reads, for the run's output. */
        String describe();
    }

    record Pty(SimulatedMeter meter, PseudoTerminalPair pair) implements Port {
        @Override
        public Properties sourceProperties() {
            Properties p = new Properties();
            p.setProperty("source", "serial");
            p.setProperty("serial.port", pair.gatewayEnd().toString());
            p.setProperty("serial.parity", meter.vendor().parity() == 'N' ? "none" : "even");
            return p;
        }

        @Override
        public String describe() {
            return pair.gatewayEnd().toString();
        }
    }

    record Memory(SimulatedMeter meter, MemoryPipe pipe, String thing) implements Port {
        @Override
        public Properties sourceProperties() {
            // not opened: the gateway is given the pipe as its byte source
            Properties p = new Properties();
            p.setProperty("source", "serial");
            p.setProperty("serial.port", "memory:" + thing);
            return p;
        }

        @Override
        public String describe() {
            return "an in-memory pipe";
        }
    }

    private static final int MAX_FEED_THREADS = 4;
    private static final int METERS_PER_FEED_THREAD = 100;

    private final FeedKind kind;
    private final Path ptyDir;
    private final Observer observer;
    private final ClockLag lag;
    private final Map<String, Port> ports = new LinkedHashMap<>();
    private final List<MeterFeeder> ptyFeeders = new ArrayList<>();
    private final List<MemoryFeed> memoryFeeds = new ArrayList<>();
    private long neverRead;

    /**
     * @param kind   {@link FeedKind#PTY} or {@link FeedKind#MEMORY} (resolve {@code AUTO} first)
     * @param ptyDir where the pseudo-terminal links go
     */
    public MeterFeeds(FeedKind kind, Path ptyDir, int intervalMinutes, double speed, Observer observer) {
        if (kind == FeedKind.AUTO) {
            throw new IllegalArgumentException("resolve FeedKind.AUTO for the meter count first");
        }
        this.kind = kind;
        this.ptyDir = ptyDir;
        this.observer = observer;
        this.lag = new ClockLag(intervalMinutes, speed);
    }

    public FeedKind kind() {
        return kind;
    }

    /**
     * Opens {@code thing}'s port. A gateway in a child process ({@code separateProcess}) cannot
     * read an in-memory pipe, so it gets a pseudo-terminal whatever the kind.
     */
    public Port open(String thing, SimulatedMeter meter, AcceleratedClock clock, boolean separateProcess) {
        Port port;
        if (kind == FeedKind.PTY || separateProcess) {
            port = new Pty(meter, PseudoTerminalPair.open(ptyDir, thing));
        } else {
            port = new Memory(meter, new MemoryPipe(thing, clock, (f, at) -> observed(thing, f, at)), thing);
        }
        ports.put(thing, port);
        return port;
    }

    /** True if {@code thing}'s meter feeds its gateway through an in-memory pipe. */
    public boolean inMemory(String thing) {
        return ports.get(thing) instanceof Memory;
    }

    /** The byte source a gateway of {@code thing} must read instead of its configured one, or null. */
    public ByteSource gatewaySource(String thing) {
        return ports.get(thing) instanceof Memory m ? m.pipe().gatewayEnd() : null;
    }

    /** Starts every meter (created to start at {@code from}) on the running clock, up to {@code end}. */
    public void start(AcceleratedClock clock, Instant from, Instant end) {
        List<MemoryFeed.Line> lines = new ArrayList<>();
        ports.forEach((thing, port) -> {
            switch (port) {
                case Pty p -> ptyFeeders.add(MeterFeeder.start(p.meter(), p.pair().openMeterOutput(), clock, end,
                        f -> observed(thing, f, clock.instant())));
                case Memory m -> lines.add(new MemoryFeed.Line(m.meter(), m.pipe()));
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

    private void observed(String thing, SimulatedMeter.Frame f, Instant at) {
        lag.record(f.time(), at);
        observer.onFrame(thing, f, at);
    }

    /** Frames sent into in-memory pipes and not yet read by their gateways. */
    public long unread() {
        return ports.values().stream().mapToLong(p -> p instanceof Memory m ? m.pipe().pending() : 0).sum();
    }

    /** A suffix for the progress line: how far behind the simulated clock the frames are now. */
    public String progressNote() {
        return String.format(java.util.Locale.ROOT, ", frame lag %.1f s (max %.1f s)", lag.lastMs() / 1000.0,
                lag.snapshot().maxMs() / 1000.0) + (
                kind == FeedKind.MEMORY ? ", unread frames " + unread() : "");
    }

    public ClockLag lag() {
        return lag;
    }

    /** What {@link #lag()} measures, for its line. */
    public String lagObserved() {
        return kind == FeedKind.MEMORY ? "read by the gateways" : "written to the pseudo-terminals";
    }

    /**
     * Stops the meters (the ports stay open until {@link #close()}). Frames still unread in
     * in-memory pipes are dropped: the run's simulated time is over, and a frame the gateway never
     * read is not in the oracle either ({@link #lagLine()} counts them).
     */
    public void stopFeeding() {
        ptyFeeders.forEach(MeterFeeder::close);
        memoryFeeds.forEach(MemoryFeed::close);
        for (Port p : ports.values()) {
            if (p instanceof Memory m) {
                neverRead += m.pipe().discardUnread();
            }
        }
    }

    /** The clock-lag line for the end of the run. */
    public String lagLine() {
        return lag.snapshot().line(lagObserved()) + (neverRead == 0 ? ""
                : String.format("; %d frames sent but not read by their gateways when the run ended were dropped "
                        + "(the machine did not keep up)", neverRead));
    }

    @Override
    public void close() {
        stopFeeding();
        for (Port p : ports.values()) {
            if (p instanceof Pty pty) {
                pty.pair().close();
            }
        }
    }
}
