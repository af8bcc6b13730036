package io.amsgrid.localrun.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClockLagTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void snapshot_framesOnTime_zeroLagAndNoWindowChange() {
        ClockLag lag = new ClockLag(1, 60);
        for (int i = 0; i < 100; i++) {
            lag.record(T0.plusSeconds(i), T0.plusSeconds(i));
        }
        ClockLag.Snapshot s = lag.snapshot();
        assertThat(s.frames()).isEqualTo(100);
        assertThat(s.p50Ms()).isZero();
        assertThat(s.maxMs()).isZero();
        assertThat(s.laterWindow()).isZero();
    }

    @Test
    void snapshot_lateFrames_percentilesMaxAndLaterWindowCounted() {
        ClockLag lag = new ClockLag(1, 60);
        for (int i = 0; i < 98; i++) {
            lag.record(T0.plusSeconds(1), T0.plusSeconds(1).plusMillis(500)); // same window
        }
        lag.record(T0.plusSeconds(50), T0.plusSeconds(70));                     // 20 s late, next window
        lag.record(T0.plusSeconds(59), T0.plusSeconds(59 + 7200));              // 2 h late: beyond the buckets
        ClockLag.Snapshot s = lag.snapshot();
        assertThat(s.p50Ms()).isEqualTo(500);
        assertThat(s.p99Ms()).isEqualTo(20_000);
        assertThat(s.maxMs()).isEqualTo(7_200_000);
        assertThat(s.laterWindow()).isEqualTo(2);
        assertThat(lag.lastMs()).isEqualTo(7_200_000);
        assertThat(s.line("read by the gateways"))
                .contains("p50 0.50 s", "p99 20.00 s", "max 7200.00 s", "wall time = /60", "2 of 100 frames");
    }

    @Test
    void record_observedBeforeSent_countsAsNoLag() {
        ClockLag lag = new ClockLag(15, 1);
        lag.record(T0, T0.minusMillis(3));
        assertThat(lag.snapshot().maxMs()).isZero();
        assertThat(lag.snapshot().laterWindow()).isZero();
    }

    @Test
    void snapshot_nothingRecorded_zeros() {
        assertThat(new ClockLag(1, 60).snapshot()).isEqualTo(new ClockLag.Snapshot(0, 0, 0, 0, 0, 60));
    }
}
