package io.amsgrid.localrun;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain with faults, in one simulated run at 10x (so 60 simulated seconds are 6 s of wall
 * time; the gateways, meters and the oracle all run on the simulated clock): the broker down for
 * 60 simulated seconds, a power-fail trigger on one gateway then its restart, and a duplicate flood
 * (every message the cloud received, published again twice). Still every window and hour the
 * meters' frames call for is stored once, value for value; the flood is counted as duplicates.
 */
class FaultsIT {
    private static final String POWER_FAILED = "meter-0002";

    @Test
    void run_brokerDownPowerFailAndDuplicateFlood_nothingLostNothingDoubled(@TempDir java.nio.file.Path dir) {
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(52));
        LocalOptions options = new LocalOptions(4, 10, Duration.ofMinutes(14), null, "capture-1", null, dir, 1, start);
        Faults faults = new Faults(start);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary summary = LocalRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false,
                faults);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(faults.brokerStoppedAt).as("broker stopped").isNotNull();
        assertThat(Duration.between(faults.brokerStoppedAt, faults.brokerStartedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(faults.restartedAt).as("power-failed gateway restarted").isNotNull();
        assertThat(summary.problems()).as(output).isEmpty();
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.hourly()).as("the hour every meter crossed").isEqualTo(4);
        assertThat(summary.aggregates()).as("14 windows per meter, a few less across the restart")
                .isBetween(4 * 14L - 2, 4 * 14L);
        assertThat(faults.republished.get()).as("flooded messages").isGreaterThan(2 * summary.aggregates());
        assertThat(faults.discardedAtEnd).as("every republished message recognised as a duplicate")
                .isGreaterThanOrEqualTo(faults.republished.get());
        assertThat(faults.pfItems).as("the power failure stored once, with voltages").hasSize(1);
        assertThat(faults.storedAtEnd).isEqualTo(summary.aggregates() + summary.hourly() + 1);
    }

    /** The fault schedule, in simulated minutes from the start. */
    private static final class Faults implements RunControl {
        private final Instant start;
        private final List<LocalMqttClient.Message> seen = new CopyOnWriteArrayList<>();
        private final AtomicLong republished = new AtomicLong();
        private LocalMqttClient tap;
        private Instant brokerStoppedAt;
        private Instant brokerStartedAt;
        private Instant triggeredAt;
        private Instant restartedAt;
        private long discardedAtEnd;
        private long storedAtEnd;
        private List<?> pfItems = List.of();

        Faults(Instant start) {
            this.start = start;
        }

        private boolean after(RunView run, int minutes) {
            return !run.now().isBefore(start.plus(Duration.ofMinutes(minutes)));
        }

        @Override
        public void onTick(RunView run) {
            if (tap == null) {
                tap = LocalMqttClient.connect(run.cloud().broker(), run.cloud().broker().ca().issueClient("flood-tap"),
                        "flood-tap", true);
                tap.onMessage(seen::add);
                for (MessageKind k : List.of(MessageKind.AVG, MessageKind.HR, MessageKind.PF)) {
                    tap.subscribe(k.topicPrefix() + "/#");
                }
            }
            if (brokerStoppedAt == null && after(run, 3)) {
                run.cloud().broker().stop();
                brokerStoppedAt = run.now();
            }
            if (brokerStoppedAt != null && brokerStartedAt == null
                    && !run.now().isBefore(brokerStoppedAt.plusSeconds(60))) {
                run.cloud().broker().start();
                brokerStartedAt = run.now();
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
            if (republished.get() == 0 && after(run, 10)) {
                flood(run);
            }
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
