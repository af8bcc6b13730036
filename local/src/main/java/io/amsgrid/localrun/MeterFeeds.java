package io.amsgrid.localrun;

import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.MeterFeeder;
import io.amsgrid.local.meter.SimulatedMeter;
import io.amsgrid.local.serial.PseudoTerminalPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The meters of a simulated run and how their frames reach the gateways: one socat
 * pseudo-terminal pair per meter (the simulator writes the meter end, the gateway opens the other
 * end by path like a USB adapter) and one {@link MeterFeeder} writing at the simulated cadence.
 * Every frame written is told to the oracle ({@link ExpectedData}) with its send time.
 *
 * <p>{@link #unplug}/{@link #replug} take one meter's port away and give it back, as pulling and
 * re-inserting the adapter: the socat pair ends (its links disappear), a new pair appears under the
 * same link names, and the frames the meter sent in between went nowhere (they are neither read
 * nor told to the oracle).
 */
final class MeterFeeds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeterFeeds.class);

    private final Path ttyDir;
    private final AcceleratedClock clock;
    private final Instant end;
    private final ExpectedData expected;
    private final Map<String, SimulatedMeter> meters = new LinkedHashMap<>();
    private final Map<String, PseudoTerminalPair> ports = new LinkedHashMap<>();
    private final Map<String, MeterFeeder> feeders = new LinkedHashMap<>();
    private boolean stopped;

    MeterFeeds(Path ttyDir, AcceleratedClock clock, Instant end, ExpectedData expected) {
        this.ttyDir = ttyDir;
        this.clock = clock;
        this.end = end;
        this.expected = expected;
    }

    /** Adds {@code meter} as {@code thing} and opens its port (not yet fed). */
    synchronized void add(String thing, SimulatedMeter meter) {
        meters.put(thing, meter);
        ports.put(thing, PseudoTerminalPair.open(ttyDir, thing));
    }

    /**
     * The meter source of {@code thing}'s gateway ({@code source=...} entries of its
     * gateway.properties). This is the one place that decides how a simulated meter's bytes reach
     * its gateway: today through the gateway end of the meter's pseudo-terminal pair.
     */
    synchronized Properties gatewaySource(String thing) {
        return GatewaySources.serial(ports.get(thing).gatewayEnd().toString(), meters.get(thing).vendor());
    }

    /** Where {@code thing}'s gateway reads its meter (the link to the gateway end of the pair). */
    synchronized Path gatewayPort(String thing) {
        return ports.get(thing).gatewayEnd();
    }

    synchronized SimulatedMeter meter(String thing) {
        return meters.get(thing);
    }

    /** Starts writing every meter's frames (call once the gateways read and the clock runs). */
    synchronized void startAll() {
        meters.keySet().forEach(this::startFeeder);
    }

    private void startFeeder(String thing) {
        feeders.put(thing, MeterFeeder.start(meters.get(thing), ports.get(thing).openMeterOutput(), clock, end,
                f -> expected.add(thing, f.time(), f.list(), f.values(),
                        f.list() == 3 ? f.time().truncatedTo(ChronoUnit.HOURS) : null)));
    }

    /** Stops every meter (at the end of the run). */
    synchronized void stopAll() {
        stopped = true;
        feeders.values().forEach(MeterFeeder::close);
    }

    /**
     * Pulls {@code thing}'s adapter: its meter stops being written (no further frame reaches the
     * oracle) and its pseudo-terminal pair ends. Returns once nothing more is written.
     */
    synchronized void unplug(String thing) {
        MeterFeeder f = feeders.remove(thing);
        if (f != null) {
            f.close();
        }
        PseudoTerminalPair p = ports.remove(thing);
        if (p != null) {
            p.close();
        }
        LOG.info("meter {} unplugged at {}", thing, clock.instant());
    }

    /** Plugs {@code thing}'s adapter in again: a new pair under the same link names, not yet fed. */
    synchronized void replug(String thing) {
        if (ports.containsKey(thing)) {
            throw new IllegalStateException(thing + " is plugged in");
        }
        ports.put(thing, PseudoTerminalPair.open(ttyDir, thing));
    }

    /**
     * Starts writing {@code thing}'s meter again after {@link #replug}: the frames it would have
     * sent while unplugged are dropped, the next one goes out at its simulated time.
     */
    synchronized void resume(String thing) {
        if (stopped || !ports.containsKey(thing) || feeders.containsKey(thing)) {
            return; // the run ended meanwhile
        }
        List<SimulatedMeter.Frame> dropped = meters.get(thing).framesUntil(clock.instant());
        startFeeder(thing);
        LOG.info("meter {} feeding again at {} ({} frames of the unplugged time dropped)", thing, clock.instant(),
                dropped.size());
    }

    @Override
    public synchronized void close() {
        stopAll();
        for (PseudoTerminalPair p : ports.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the pseudo-terminal pair {}: {}", p.gatewayEnd(), e.toString());
            }
        }
        ports.clear();
    }

    List<String> things() {
        return List.copyOf(meters.keySet());
    }
}
