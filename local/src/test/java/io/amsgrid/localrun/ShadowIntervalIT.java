package io.amsgrid.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.lambdas.store.ReadingItems;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send-interval change through the device shadow, end to end: mid-run, {@code desired.sendIntervalMinutes = 5}
 * for every thing; every gateway applies it from the end of its current window and reports it; the
 * data rate drops from one window a minute to one every five, and every window before and after
 * the change is stored once, value for value (the oracle switches intervals at the same instant).
 */
class ShadowIntervalIT {
    private static final int METERS = 3;

    @Test
    void updateDesired_sendIntervalFiveMinutes_everyGatewayReportsItAndWindowsBecomeFiveMinutes(@TempDir Path dir) {
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(5));
        Instant switchAt = start.plus(Duration.ofMinutes(7)); // hh:12, a window boundary
        LocalOptions options = new LocalOptions(METERS, 15, Duration.ofMinutes(20), null, "capture-1", null, dir, 1, start);
        Switch control = new Switch(start.plus(Duration.ofMinutes(6)).plusSeconds(5), switchAt);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary summary = LocalRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false,
                control);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(control.appliedBy).as("every gateway applied 5 min before its window ended").isNotNull()
                .isBefore(switchAt);
        assertThat(control.reported).as("reported.sendIntervalMinutes per thing")
                .containsOnly(Map.entry("meter-0001", 5), Map.entry("meter-0002", 5), Map.entry("meter-0003", 5));
        assertThat(summary.problems()).as(output).isEmpty();
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicates()).isZero();
        for (var e : control.windowMinutes.entrySet()) {
            List<Long> before = e.getValue().entrySet().stream().filter(w -> w.getKey() < switchAt.getEpochSecond())
                    .map(Map.Entry::getValue).toList();
            List<Long> after = e.getValue().entrySet().stream().filter(w -> w.getKey() >= switchAt.getEpochSecond())
                    .map(Map.Entry::getValue).toList();
            assertThat(before).as(e.getKey() + ": 7 one-minute windows before the change").hasSize(7).containsOnly(1L);
            // hh:12-15 (the new grid's first, shorter window), hh:15-20, hh:20-25
            assertThat(after).as(e.getKey() + ": 5-minute windows after the change").containsExactly(3L, 5L, 5L);
        }
    }

    /** Sets the shadow at {@code sendAt}; the oracle switches at {@code switchAt}; reads the result before the drain. */
    private static final class Switch implements RunControl {
        private final Instant sendAt;
        private final Instant switchAt;
        private boolean sent;
        private Instant appliedBy;
        private final Map<String, Integer> reported = new TreeMap<>();
        private final Map<String, Map<Long, Long>> windowMinutes = new TreeMap<>();

        Switch(Instant sendAt, Instant switchAt) {
            this.sendAt = sendAt;
            this.switchAt = switchAt;
        }

        @Override
        public void onTick(RunView run) {
            if (!sent && !run.now().isBefore(sendAt)) {
                for (String thing : run.things()) {
                    run.expected().changeInterval(thing, switchAt, 5);
                    run.cloud().shadows().updateDesired(thing, Map.of("sendIntervalMinutes", 5));
                }
                sent = true;
            }
            if (sent && appliedBy == null
                    && run.things().stream().allMatch(t -> run.status(t).intervalMinutes() == 5)) {
                appliedBy = run.now();
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (String thing : run.things()) {
                JsonNode doc = run.cloud().shadows().document(thing).orElseThrow();
                reported.put(thing, doc.path("state").path("reported").path("sendIntervalMinutes").asInt(-1));
                Map<Long, Long> windows = new TreeMap<>();
                for (var item : run.cloud().store().readings(thing, MessageKind.AVG, 0, Long.MAX_VALUE / 4)) {
                    AggregatePayload p = (AggregatePayload) ReadingItems.toPayload(item);
                    windows.put(p.windowStartEpochS(), 0L);
                }
                // a window's length is the distance to the next window start (the run's last ends at hh:25)
                List<Long> starts = List.copyOf(windows.keySet());
                for (int i = 0; i < starts.size(); i++) {
                    long next = i + 1 < starts.size() ? starts.get(i + 1) : switchAt.plus(Duration.ofMinutes(13)).getEpochSecond();
                    windows.put(starts.get(i), (next - starts.get(i)) / 60);
                }
                windowMinutes.put(thing, windows);
            }
        }
    }
}
