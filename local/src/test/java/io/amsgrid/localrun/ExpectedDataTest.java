package io.amsgrid.localrun;

import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle's account of a SIGKILLed gateway (1-minute windows, publish offset 30 s). */
class ExpectedDataTest {
    private static final String THING = "meter-0003";
    private static final Instant T0 = Instant.parse("2026-11-25T06:50:00Z");
    private static final Duration OFFSET = Duration.ofSeconds(30);
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private static void frame(ExpectedData d, Instant at, double watts) {
        d.add(THING, at, 1, Map.of(Measurement.ACTIVE_IMPORT_W, watts), null);
    }

    private static long s(Instant t) {
        return t.getEpochSecond();
    }

    @Test
    void gatewayKilled_midWayBetweenPublishes_keepsWindowsOnDiskForgetsThoseInMemory() {
        ExpectedData d = new ExpectedData(1);
        for (int sec = 0; sec < 4 * 60; sec += 10) {
            frame(d, T0.plusSeconds(sec), 100 + sec);
        }
        // killed at 06:53:40: 06:51 went out at 06:52:30 (on disk); 06:52 was due at 06:53:30
        // (on disk); 06:53 is due at 06:54:30 (in memory)
        int forgotten = d.gatewayKilled(THING, T0.plusSeconds(3 * 60 + 40), OFFSET, MARGIN);

        assertThat(forgotten).isEqualTo(1);
        assertThat(d.windowsBefore(T0.plus(Duration.ofHours(1))).get(THING).keySet())
                .containsExactly(s(T0), s(T0.plusSeconds(60)), s(T0.plusSeconds(120)));
        assertThat(d.exclusions()).isEmpty();
    }

    @Test
    void gatewayKilled_thenFramesAfterTheRestart_windowHoldsOnlyThoseSamples() {
        ExpectedData d = new ExpectedData(1);
        frame(d, T0.plusSeconds(5), 1000);
        frame(d, T0.plusSeconds(15), 2000);
        d.gatewayKilled(THING, T0.plusSeconds(20), OFFSET, MARGIN);
        frame(d, T0.plusSeconds(45), 300);
        frame(d, T0.plusSeconds(55), 500);

        ExpectedData.Aggregate w = d.windowsBefore(T0.plusSeconds(60)).get(THING).get(s(T0)).get(Measurement.ACTIVE_IMPORT_W);

        assertThat(w.samples()).isEqualTo(2);
        assertThat(w.avg()).isEqualTo(400);
        assertThat(w.min()).isEqualTo(300);
        assertThat(w.max()).isEqualTo(500);
    }

    @Test
    void gatewayKilled_withinMarginOfAPublish_excludesThatWindowByName() {
        ExpectedData d = new ExpectedData(1);
        frame(d, T0.plusSeconds(10), 1);
        frame(d, T0.plusSeconds(70), 2);
        // 06:50 is due at 06:51:30; killed 2 s later: it may or may not be on disk
        d.gatewayKilled(THING, T0.plusSeconds(92), OFFSET, MARGIN);

        assertThat(d.windowsBefore(T0.plus(Duration.ofHours(1))).get(THING)).isEmpty();
        assertThat(d.exclusions()).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(ExpectedData.Exclusion.KILLED_WHILE_CLOSING);
            assertThat(x.fromEpochS()).isEqualTo(s(T0));
        });
        assertThat(d.isExcluded(THING, s(T0.plusSeconds(60)), s(T0.plusSeconds(120)))).isFalse();
    }

    @Test
    void gatewayKilled_justBeforeAPublish_excludesThatWindowByName() {
        ExpectedData d = new ExpectedData(1);
        frame(d, T0.plusSeconds(10), 1);
        // 06:50 is due at 06:51:30; killed 3 s before: the gateway's tick may have run ahead
        d.gatewayKilled(THING, T0.plusSeconds(87), OFFSET, MARGIN);

        assertThat(d.exclusions()).singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo(ExpectedData.Exclusion.KILLED_WHILE_CLOSING));
    }

    @Test
    void windowsBefore_noFramesDuringDeadTime_windowNotExpected() {
        ExpectedData d = new ExpectedData(1);
        frame(d, T0.plusSeconds(10), 1);
        d.gatewayKilled(THING, T0.plusSeconds(100), OFFSET, MARGIN);
        frame(d, T0.plusSeconds(190), 3); // unplugged from 06:51:40 to 06:53:10

        assertThat(d.windowsBefore(T0.plus(Duration.ofHours(1))).get(THING).keySet())
                .containsExactly(s(T0), s(T0.plusSeconds(180)));
    }

    @Test
    void add_manyMetersFromManyThreads_sameAccountAsOneThread() throws Exception {
        ExpectedData concurrent = new ExpectedData(1);
        ExpectedData sequential = new ExpectedData(1);
        int meters = 40;
        int frames = 600; // 10 minutes of a frame a second per meter
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int m = 0; m < meters; m++) {
                String thing = "meter-" + m;
                int meter = m;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < frames; i++) {
                        concurrent.add(thing, T0.plusSeconds(i), i % 10 == 0 ? 3 : 1,
                                Map.of(Measurement.ACTIVE_IMPORT_W, (double) (meter * 1000 + i)), T0.plusSeconds(i - i % 3600));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        for (int m = 0; m < meters; m++) {
            for (int i = 0; i < frames; i++) {
                sequential.add("meter-" + m, T0.plusSeconds(i), i % 10 == 0 ? 3 : 1,
                        Map.of(Measurement.ACTIVE_IMPORT_W, (double) (m * 1000 + i)), T0.plusSeconds(i - i % 3600));
            }
        }

        Instant end = T0.plus(Duration.ofHours(1));
        assertThat(concurrent.windowCount(end)).isEqualTo(meters * 10).isEqualTo(sequential.windowCount(end));
        var got = concurrent.windowsBefore(end);
        var want = sequential.windowsBefore(end);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((thing, windows) -> windows.forEach((start, w) -> {
            var a = got.get(thing).get(start).get(Measurement.ACTIVE_IMPORT_W);
            var e = w.get(Measurement.ACTIVE_IMPORT_W);
            assertThat(a.samples()).isEqualTo(60).isEqualTo(e.samples());
            assertThat(a.avg()).isEqualTo(e.avg());
            assertThat(a.min()).isEqualTo(e.min());
            assertThat(a.max()).isEqualTo(e.max());
        }));
    }
}
