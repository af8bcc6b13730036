package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.iot.PublishOffset;
import io.amsgrid.localrun.feed.MeterFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@link RunView} of a simulated {@link LocalRun}: its faults act on the gateways, the meters' ports and the oracle together. */
final class LocalRunView implements RunView {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunView.class);

    private final Clock clock;
    private final Instant start;
    private final double speed;
    private final CloudStandIns cloud;
    private final LocalGateways gateways;
    private final MeterFeeds feeds;
    private final ExpectedData expected;

    LocalRunView(Clock clock, Instant start, double speed, CloudStandIns cloud, LocalGateways gateways,
                 MeterFeeds feeds, ExpectedData expected) {
        this.clock = clock;
        this.start = start;
        this.speed = speed;
        this.cloud = cloud;
        this.gateways = gateways;
        this.feeds = feeds;
        this.expected = expected;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public CloudStandIns cloud() {
        return cloud;
    }

    @Override
    public List<String> things() {
        return gateways.things();
    }

    @Override
    public Gateway gateway(String thing) {
        return gateways.inProcess(thing);
    }

    @Override
    public GatewayStatus status(String thing) {
        return gateways.status(thing);
    }

    @Override
    public Path gatewayDir(String thing) {
        return gateways.dir(thing);
    }

    @Override
    public void killGateway(String thing) {
        Instant killedAt = clock.instant();
        gateways.kill(thing);
        // The port goes with it, as a real one no process has open: nothing the meter sends until
        // the restart is read, nor told to the oracle.
        feeds.unplug(thing);
        int forgotten = expected.gatewayKilled(thing, killedAt, PublishOffset.forThing(thing), closingMargin());
        LOG.info("gateway {} killed (SIGKILL) at {}; {} window(s) it held in memory only", thing, killedAt, forgotten);
    }

    /** How far off the simulated instant of a window's publication can be from the kill instant seen here. */
    private Duration closingMargin() {
        // the gateway's tick (100 ms wall) and this run's loop (200 ms wall), at the run's speed
        return Duration.ofMillis((long) Math.ceil(500 * speed));
    }

    @Override
    public void startKilledGateway(String thing) {
        feeds.replug(thing);
        gateways.startKilled(thing);
        Path port = feeds.gatewayPort(thing);
        Thread.ofVirtual().name("replug-" + thing).start(() -> {
            // frames written before the gateway has the port open would wait in the pseudo-terminal
            // and be read late, with the wrong arrival time: start the meter once it reads
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!gateways.childHasOpen(thing, port)) {
                if (System.nanoTime() > end) {
                    LOG.warn("the restarted gateway {} did not open {} within 60 s; its meter stays unplugged (see {})",
                            thing, port, gateways.dir(thing).resolve("gateway.log"));
                    return;
                }
                LocalRun.sleep(20);
            }
            feeds.resume(thing);
        });
        LOG.info("gateway {} started again at {}", thing, clock.instant());
    }

    @Override
    public Path powerFailTrigger(String thing) {
        return gatewayDir(thing).resolve("powerfail.trigger");
    }

    @Override
    public void restartGateway(String thing) {
        Instant down = clock.instant();
        gateways.restart(thing, clock);
        // windows not yet published at the stop (a window goes out at its end plus the thing's
        // publish offset) were in memory only; the restarted gateway opens its port within
        // about a second of wall time
        expected.exclude(thing, down.minus(PublishOffset.forThing(thing)),
                clock.instant().plusSeconds((long) Math.ceil(2 * speed)));
        LOG.info("gateway {} restarted at {}", thing, down);
    }

    @Override
    public ExpectedData expected() {
        return expected;
    }
}
