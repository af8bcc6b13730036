package io.amsgrid.localrun;

import io.amsgrid.gateway.iot.PublishOffset;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain with faults, in one simulated run at 10x (gateways, meters and the oracle all run
 * on the simulated clock; 1 simulated minute is 6 s of wall time):
 * <ul>
 * <li>the broker stopped for 60 s of wall time (10 simulated minutes: the outboxes fill, the
 *     gateways' MQTT clients retry in wall time; their reconnect backoff is capped at 4 s here so
 *     the test does not wait up to the production 2 min after the broker is back);</li>
 * <li>meter-0003's gateway, a child JVM, SIGKILLed mid-stream while the broker is down and its
 *     outbox holds windows on disk, then started again on the same data directory; its meter's
 *     port is unplugged with it and plugged in again once the new process has it open, so the
 *     frames of the dead time are read by no one (as on a real port) and not in the oracle;</li>
 * <li>a power-fail trigger on meter-0002, then a restart of that gateway;</li>
 * <li>a duplicate flood: every message the cloud received, published again (twice).</li>
 * </ul>
 * Still every window and hour the meters' frames call for is stored once, value for value, and no
 * stored window overlaps another. How the oracle accounts for the kill: windows already in the
 * outbox at the kill stay expected; windows then in the process's memory are forgotten, and the
 * window the kill cut in two is expected with the samples read after the restart; windows with no
 * samples read are not expected; {@link ExpectedData#gatewayKilled} has the rule.
 */
class FaultsIT {
    private static final String POWER_FAILED = "meter-0002";
    private static final String KILLED = "meter-0003";
    private static final Duration BROKER_DOWN = Duration.ofSeconds(60);

    @Test
    void run_brokerDownKillPowerFailAndDuplicateFlood_nothingLostNothingDoubled(@TempDir java.nio.file.Path dir)
            throws IOException {
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(52));
        LocalOptions options = new LocalOptions(4, 10, Duration.ofMinutes(14), null, "capture-1", null, dir, 1, start);
        Faults faults = new Faults(start);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary summary = LocalRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false,
                faults);

        String output = printed.toString(StandardCharsets.UTF_8);
        String killedLog = Files.readString(dir.resolve("state/gateways/" + KILLED + "/gateway.log"));
        assertThat(faults.brokerStoppedAt).as("broker stopped").isNotNull();
        assertThat(Duration.ofNanos(faults.brokerStartedNanos - faults.brokerStoppedNanos))
                .as("broker down, wall time").isGreaterThanOrEqualTo(BROKER_DOWN);
        assertThat(faults.killedAt).as("gateway process SIGKILLed").isNotNull();
        assertThat(faults.killedAt).as("killed while the broker was down").isBetween(faults.brokerStoppedAt,
                faults.brokerStartedAt);
        assertThat(faults.outboxAtKill).as("windows in the killed gateway's outbox (broker down)").isGreaterThan(1);
        assertThat(faults.readingAgainAt).as("killed gateway restarted and reading; its log:\n" + killedLog).isNotNull();
        assertThat(faults.restartedAt).as("power-failed gateway restarted").isNotNull();
        assertThat(faults.exclusions).as("killed mid-way between two publishes: no window left out as a race")
                .noneMatch(x -> x.reason() == ExpectedData.Exclusion.KILLED_WHILE_CLOSING);
        assertThat(summary.problems()).as(output).isEmpty();
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.hourly()).as("the hour every meter crossed").isEqualTo(4);
        assertThat(summary.aggregates()).as("14 windows per meter, a few less across the kill and the restart")
                .isBetween(4 * 14L - 6, 4 * 14L - 1);
        assertThat(faults.killedStored).as("the killed gateway's windows: all those from before the kill, "
                + "and the ones after its restart").isGreaterThanOrEqualTo(14 - 4);
        assertThat(faults.republished.get()).as("flooded messages").isGreaterThan(2 * summary.aggregates());
        assertThat(faults.discardedAtEnd).as("every republished message recognised as a duplicate")
                .isGreaterThanOrEqualTo(faults.republished.get());
        assertThat(faults.pfItems).as("the power failure stored once, with voltages").hasSize(1);
        assertThat(faults.storedAtEnd).isEqualTo(summary.aggregates() + summary.hourly() + 1);
    }

    /** The fault schedule, in simulated minutes from the start (the broker's outage in wall time). */
    private static final class Faults implements RunControl {
        private final Instant start;
        private final Instant killAt;
        private final List<LocalMqttClient.Message> seen = new CopyOnWriteArrayList<>();
        private final AtomicLong republished = new AtomicLong();
        private LocalMqttClient tap;
        private Instant brokerStoppedAt;
        private Instant brokerStartedAt;
        private long brokerStoppedNanos;
        private long brokerStartedNanos;
        private Instant killedAt;
        private int outboxAtKill;
        private Instant startedAgainAt;
        private Instant readingAgainAt;
        private Instant triggeredAt;
        private Instant restartedAt;
        private long killedStored;
        private long discardedAtEnd;
        private long storedAtEnd;
        private List<?> pfItems = List.of();
        private List<ExpectedData.Excluded> exclusions = List.of();

        Faults(Instant start) {
            this.start = start;
            // mid-way between two of the killed gateway's publishes (a window goes out at its end
            // plus the thing's publish offset), so which windows were on disk is not a race
            long second = (PublishOffset.forThing(KILLED).toSeconds() + 30) % 60;
            this.killAt = start.plus(Duration.ofMinutes(4)).plusSeconds(second);
        }

        @Override
        public boolean inChildProcess(String thing) {
            return thing.equals(KILLED);
        }

        @Override
        public Map<String, String> gatewaySettings(String thing) {
            return Map.of("reconnect.maxMs", "4000");
        }

        private boolean after(RunView run, int minutes) {
            return !run.now().isBefore(start.plus(Duration.ofMinutes(minutes)));
        }

        @Override
        public void onTick(RunView run) {
            if (tap == null && (brokerStoppedAt == null || brokerStartedAt != null)) {
                tap = LocalMqttClient.connect(run.cloud().broker(), run.cloud().broker().ca().issueClient("flood-tap"),
                        "flood-tap", true);
                tap.onMessage(seen::add);
                for (MessageKind k : List.of(MessageKind.AVG, MessageKind.HR, MessageKind.PF)) {
                    tap.subscribe(k.topicPrefix() + "/#");
                }
            }
            if (brokerStoppedAt == null && after(run, 2)) {
                tap.close();
                tap = null;
                run.cloud().broker().stop();
                brokerStoppedNanos = System.nanoTime();
                brokerStoppedAt = run.now();
            }
            if (brokerStoppedAt != null && brokerStartedAt == null
                    && System.nanoTime() - brokerStoppedNanos >= BROKER_DOWN.toNanos()) {
                run.cloud().broker().start();
                brokerStartedNanos = System.nanoTime();
                brokerStartedAt = run.now();
            }
            if (killedAt == null && !run.now().isBefore(killAt)) {
                outboxAtKill = run.status(KILLED).outboxDepth();
                run.killGateway(KILLED);
                killedAt = run.now();
            }
            if (killedAt != null && startedAgainAt == null && !run.now().isBefore(killedAt.plusSeconds(5))) {
                run.startKilledGateway(KILLED);
                startedAgainAt = run.now();
            }
            if (startedAgainAt != null && readingAgainAt == null && run.status(KILLED).framesOk() > 0) {
                readingAgainAt = run.now();
            }
            if (triggeredAt == null && after(run, 7)) {
                touch(run.powerFailTrigger(POWER_FAILED));
                triggeredAt = run.now();
            }
            if (triggeredAt != null && restartedAt == null && run.gateway(POWER_FAILED).status().powerFailEvents() > 0) {
                delete(run.powerFailTrigger(POWER_FAILED));
                run.restartGateway(POWER_FAILED);
                restartedAt = run.now();
            }
            if (republished.get() == 0 && brokerStartedAt != null && tap != null && after(run, 13)) {
                flood(run);
            }
        }

        private static long storedWindows(RunView run, String thing) {
            return run.cloud().store().readings(thing, MessageKind.AVG, 0, Long.MAX_VALUE / 4).size();
        }

        @Override
        public void beforeDrain(RunView run) {
            try {
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < end && run.things().stream().anyMatch(t -> run.status(t).outboxDepth() > 0)) {
                    Thread.sleep(100);
                }
                run.cloud().rules().awaitIdle(Duration.ofSeconds(60));
                Thread.sleep(500); // the tap's own deliveries
                flood(run);
                run.cloud().rules().awaitIdle(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            discardedAtEnd = run.cloud().duplicatesDiscarded();
            storedAtEnd = run.cloud().stored();
            killedStored = storedWindows(run, KILLED);
            exclusions = run.expected().exclusions();
            pfItems = run.cloud().store().readings(POWER_FAILED, MessageKind.PF, 0, Long.MAX_VALUE / 4);
            tap.close();
        }

        /** Publishes again every message the tap saw (the cloud has stored them all by now or soon). */
        private void flood(RunView run) {
            for (LocalMqttClient.Message m : List.copyOf(seen)) {
                tap.publish(m.topic(), m.payload());
                republished.incrementAndGet();
            }
        }

        private static void touch(java.nio.file.Path p) {
            try {
                Files.writeString(p, "power failed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void delete(java.nio.file.Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
