package io.amsgrid.gateway.aggregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.amsgrid.codec.meter.Measurement.ACTIVE_EXPORT_WH;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_W;
import static io.amsgrid.codec.meter.Measurement.ACTIVE_IMPORT_WH;
import static org.assertj.core.api.Assertions.assertThat;

class HourlyTrackerTest {
    private static final Instant H10 = Instant.parse("2026-11-25T10:00:00Z");

    private static HourlyEnergy feed(HourlyTracker t, Instant meterTime, double wh) {
        return t.accept(Readings.of(meterTime, ACTIVE_IMPORT_W, 100, ACTIVE_IMPORT_WH, wh, ACTIVE_EXPORT_WH, 0),
                meterTime.plusSeconds(10)).orElseThrow();
    }

    @Test
    void accept_consecutiveHours_okWithRegistersOnly() {
        var t = new HourlyTracker(null);
        assertThat(feed(t, H10, 1000).flag()).isEqualTo(HourFlag.FIRST);
        HourlyEnergy h = feed(t, H10.plusSeconds(3600), 2000);
        assertThat(h.flag()).isEqualTo(HourFlag.OK);
        assertThat(h.hour()).isEqualTo(H10.plusSeconds(3600));
        assertThat(h.registers()).containsOnlyKeys(ACTIVE_IMPORT_WH, ACTIVE_EXPORT_WH).containsEntry(ACTIVE_IMPORT_WH, 2000.0);
    }

    @Test
    void accept_missingHours_flaggedGapWithCount() {
        var t = new HourlyTracker(null);
        feed(t, H10, 1000);
        HourlyEnergy h = feed(t, H10.plusSeconds(3 * 3600), 4000);
        assertThat(h.flag()).isEqualTo(HourFlag.GAP);
        assertThat(h.missingHours()).isEqualTo(2);
        assertThat(h.registers()).containsEntry(ACTIVE_IMPORT_WH, 4000.0); // not merged, as sent
    }

    @Test
    void accept_sameHourTwice_flaggedRepeat_earlierHourOutOfOrder() {
        var t = new HourlyTracker(null);
        feed(t, H10, 1000);
        assertThat(feed(t, H10.plusSeconds(5), 1000).flag()).isEqualTo(HourFlag.REPEAT);
        assertThat(feed(t, H10.minusSeconds(3600), 900).flag()).isEqualTo(HourFlag.OUT_OF_ORDER);
        assertThat(feed(t, H10.plusSeconds(3600), 1100).flag()).isEqualTo(HourFlag.OK);
    }

    @Test
    void accept_listWithoutRegisters_empty() {
        assertThat(new HourlyTracker(null).accept(Readings.of(H10, ACTIVE_IMPORT_W, 5), H10)).isEmpty();
    }

    @Test
    void constructor_stateFile_repeatDetectedAcrossRestart(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("hourly.state");
        feed(new HourlyTracker(state), H10, 1000);
        assertThat(feed(new HourlyTracker(state), H10, 1000).flag()).isEqualTo(HourFlag.REPEAT);
        Files.writeString(state, "garbage");
        assertThat(feed(new HourlyTracker(state), H10, 1000).flag()).isEqualTo(HourFlag.FIRST);
    }
}
