package io.amsgrid.localrun;

import io.amsgrid.gateway.Gateway;
import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.iot.PublishOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
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
        gateways.kill(thing);
        LOG.info("gateway {} killed (SIGKILL) at {}", thing, clock.instant());
    }

    @Override
    public void startKilledGateway(String thing) {
        gateways.startKilled(thing);
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
