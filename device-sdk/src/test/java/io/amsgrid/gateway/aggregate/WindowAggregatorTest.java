package io.amsgrid.gateway.aggregate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_W;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_WH;
import static io.amsgrid.codec.meter.Measurement.VOLTAGE_L1_V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void accept_samplesOfEveryList_countInAvgMinMax() {
        var agg = new WindowAggregator(1, Duration.ZERO);
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1000), T0.plusSeconds(2));      // List 1
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 3000, VOLTAGE_L1_V, 230), T0.plusSeconds(10)); // List 2
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 2000, ACTIVE_IMPORT_WH, 5e6), T0.plusSeconds(12)); // List 3
        List<AggregateWindow> done = agg.advanceTo(T0.plusSeconds(60));

        assertThat(done).hasSize(1);
        AggregateWindow w = done.getFirst();
        assertThat(w.start()).isEqualTo(T0);
        assertThat(w.end()).isEqualTo(T0.plusSeconds(60));
        assertThat(w.readings()).isEqualTo(3);
        assertThat(w.stats().get(ACTIVE_IMPORT_W)).isEqualTo(new Stats(3, 2000, 1000, 3000));
        assertThat(w.stats().get(VOLTAGE_L1_V)).isEqualTo(new Stats(1, 230, 230, 230));
        assertThat(w.stats()).doesNotContainKey(ACTIVE_IMPORT_WH);
    }

    @Test
    void advanceTo_beforeEndPlusDelay_keepsWindowOpen() {
        var agg = new WindowAggregator(5, Duration.ofSeconds(17));
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1), T0.plusSeconds(299));
        assertThat(agg.advanceTo(T0.plusSeconds(300 + 16))).isEmpty();
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 9), T0.plusSeconds(305)); // next window already
        List<AggregateWindow> done = agg.advanceTo(T0.plusSeconds(300 + 17));
        assertThat(done).singleElement().satisfies(w -> {
            assertThat(w.intervalMinutes()).isEqualTo(5);
            assertThat(w.stats().get(ACTIVE_IMPORT_W).count()).isEqualTo(1);
        });
    }

    @Test
    void accept_windowsAlignedToClock_notToFirstSample() {
        var agg = new WindowAggregator(15, Duration.ZERO);
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1), T0.plusSeconds(7 * 60 + 3));
        List<AggregateWindow> done = agg.advanceTo(T0.plusSeconds(3600));
        assertThat(done.getFirst().start()).isEqualTo(T0);
        assertThat(done.getFirst().end()).isEqualTo(T0.plusSeconds(15 * 60));
    }

    @Test
    void accept_sameSamplesAnyChunking_sameWindows() {
        List<AggregateWindow> a = run(1);
        List<AggregateWindow> b = run(7);
        assertThat(a).isEqualTo(b).hasSize(10);
    }

    private static List<AggregateWindow> run(int advanceEvery) {
        var agg = new WindowAggregator(1, Duration.ZERO);
        List<AggregateWindow> out = new ArrayList<>();
        for (int i = 0; i < 600; i += 10) {
            Instant t = T0.plusSeconds(i);
            out.addAll(agg.accept(Readings.of(null, ACTIVE_IMPORT_W, i), t));
            if (i % advanceEvery == 0) {
                out.addAll(agg.advanceTo(t));
            }
        }
        out.addAll(agg.advanceTo(T0.plusSeconds(600)));
        return out;
    }

    @Test
    void setIntervalMinutes_changeMidWindow_nextWindowDoesNotOverlap() {
        var agg = new WindowAggregator(5, Duration.ZERO);
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1), T0.plusSeconds(6 * 60)); // [10:05, 10:10)
        agg.setIntervalMinutes(15);
        List<AggregateWindow> out = new ArrayList<>(agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 2), T0.plusSeconds(11 * 60)));
        out.addAll(agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 3), T0.plusSeconds(16 * 60)));
        out.addAll(agg.advanceTo(T0.plusSeconds(3600)));
        assertThat(out).extracting(AggregateWindow::start).containsExactly(
                T0.plusSeconds(5 * 60), T0.plusSeconds(10 * 60), T0.plusSeconds(15 * 60));
        assertThat(out).extracting(AggregateWindow::end).containsExactly(
                T0.plusSeconds(10 * 60), T0.plusSeconds(15 * 60), T0.plusSeconds(30 * 60));
    }

    @Test
    void accept_lateSample_countsInCurrentWindowNeverReopensEmitted() {
        var agg = new WindowAggregator(1, Duration.ZERO);
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1), T0);
        assertThat(agg.advanceTo(T0.plusSeconds(61))).hasSize(1);
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 2), T0.plusSeconds(30)); // clock went back
        List<AggregateWindow> out = agg.advanceTo(T0.plusSeconds(200));
        assertThat(out).singleElement().extracting(AggregateWindow::start).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void drainIncomplete_openWindows_closedAsTheyAreAndNoneLeft() {
        var agg = new WindowAggregator(1, Duration.ofSeconds(30));
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 1000), T0.plusSeconds(50));
        agg.accept(Readings.of(null, ACTIVE_IMPORT_W, 3000), T0.plusSeconds(70)); // first window awaits its offset
        List<AggregateWindow> last = agg.drainIncomplete();
        assertThat(last).extracting(AggregateWindow::start).containsExactly(T0, T0.plusSeconds(60));
        assertThat(last.get(1).stats().get(ACTIVE_IMPORT_W)).isEqualTo(new Stats(1, 3000, 3000, 3000));
        assertThat(agg.advanceTo(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void restore_savedWindowStillOpen_laterSamplesCountInTheSameWindow() {
        var before = new WindowAggregator(5, Duration.ZERO);
        before.accept(Readings.of(null, ACTIVE_IMPORT_W, 1000, VOLTAGE_L1_V, 231), T0.plusSeconds(10));
        before.accept(Readings.of(null, ACTIVE_IMPORT_W, 2000), T0.plusSeconds(20));
        List<WindowState> saved = before.takeOpen();
        assertThat(before.advanceTo(T0.plusSeconds(3600))).isEmpty();

        var after = new WindowAggregator(1, Duration.ZERO); // restarted with another interval: the window keeps its own
        after.restore(saved);
        assertThat(after.advanceTo(T0.plusSeconds(100))).isEmpty();
        after.accept(Readings.of(null, ACTIVE_IMPORT_W, 6000), T0.plusSeconds(200));
        List<AggregateWindow> out = after.advanceTo(T0.plusSeconds(400));
        assertThat(out).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(T0);
            assertThat(w.intervalMinutes()).isEqualTo(5);
            assertThat(w.readings()).isEqualTo(3);
            assertThat(w.stats().get(ACTIVE_IMPORT_W)).isEqualTo(new Stats(3, 3000, 1000, 6000));
            assertThat(w.stats().get(VOLTAGE_L1_V)).isEqualTo(new Stats(1, 231, 231, 231));
        });
        after.accept(Readings.of(null, ACTIVE_IMPORT_W, 1), T0.plusSeconds(401));
        assertThat(after.advanceTo(T0.plusSeconds(500))).singleElement().extracting(AggregateWindow::start)
                .isEqualTo(T0.plusSeconds(360));
    }

    @Test
    void restore_savedWindowWhoseTimePassed_emittedAtNextAdvance() {
        var before = new WindowAggregator(1, Duration.ofSeconds(5));
        before.accept(Readings.of(null, ACTIVE_IMPORT_W, 1000), T0.plusSeconds(10));
        var after = new WindowAggregator(1, Duration.ofSeconds(5));
        after.restore(before.takeOpen());
        assertThat(after.advanceTo(T0.plusSeconds(65))).singleElement().satisfies(w ->
                assertThat(w.stats().get(ACTIVE_IMPORT_W)).isEqualTo(new Stats(1, 1000, 1000, 1000)));
    }

    @Test
    void constructor_intervalOutOfRange_throwsWithValue() {
        assertThatThrownBy(() -> new WindowAggregator(61, Duration.ZERO)).hasMessageContaining("61");
        assertThatThrownBy(() -> new WindowAggregator(0, Duration.ZERO)).hasMessageContaining("1-60");
    }
}
