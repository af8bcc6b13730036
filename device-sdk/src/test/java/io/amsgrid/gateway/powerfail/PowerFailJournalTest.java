package io.amsgrid.gateway.powerfail;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PowerFailJournalTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    @TempDir
    Path dir;

    private static MeterReading volts(double l1, Double l2, Double l3) {
        Map<Measurement, Double> v = new EnumMap<>(Measurement.class);
        v.put(Measurement.VOLTAGE_L1_V, l1);
        if (l2 != null) {
            v.put(Measurement.VOLTAGE_L2_V, l2);
            v.put(Measurement.VOLTAGE_L3_V, l3);
        }
        return new MeterReading(null, null, null, null, null, v, Map.of());
    }

    @Test
    void history_keepsOnlySpan() {
        var h = new VoltageHistory(Duration.ofSeconds(90));
        for (int i = 0; i <= 200; i += 10) {
            h.accept(volts(230 + i / 10.0, null, null), T0.plusSeconds(i));
        }
        h.accept(new MeterReading(null, null, null, null, null, Map.of(Measurement.ACTIVE_IMPORT_W, 5.0), Map.of()),
                T0.plusSeconds(500)); // no voltage: ignored
        assertThat(h.snapshot()).hasSize(10).first().extracting(VoltageSample::time).isEqualTo(T0.plusSeconds(110));
    }

    @Test
    void writeRead_roundTripsSingleAndThreePhase() {
        var j = new PowerFailJournal(dir.resolve("pf.journal"));
        List<VoltageSample> samples = List.of(new VoltageSample(T0, 231.5f, Float.NaN, Float.NaN),
                new VoltageSample(T0.plusSeconds(10), 229f, 230f, 228.5f));
        j.write(samples);
        assertThat(j.read()).isEqualTo(new PowerFailJournal.Contents(samples, 0));
        j.clear();
        assertThat(j.read().isEmpty()).isTrue();
    }

    @Test
    void read_corruptMiddleRecordAndTornTail_skippedOthersKept() throws Exception {
        Path f = dir.resolve("pf.journal");
        var j = new PowerFailJournal(f);
        j.write(List.of(new VoltageSample(T0, 230f, 231f, 232f), new VoltageSample(T0.plusSeconds(2), 233f, 234f, 235f),
                new VoltageSample(T0.plusSeconds(4), 236f, 237f, 238f)));
        byte[] b = Files.readAllBytes(f);
        b[PowerFailJournal.RECORD_BYTES + 12] ^= 0x01; // bit flip inside record 2
        Files.write(f, b);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - 5); // torn last record
        }
        PowerFailJournal.Contents c = j.read();
        assertThat(c.corruptRecords()).isEqualTo(2);
        assertThat(c.samples()).singleElement().isEqualTo(new VoltageSample(T0, 230f, 231f, 232f));
    }

    @Test
    void monitor_risingEdgeOnly_writesHistoryOnce() throws Exception {
        Path trigger = dir.resolve("pf.trigger");
        var h = new VoltageHistory(Duration.ofSeconds(90));
        h.accept(volts(230, 231.0, 232.0), T0);
        var j = new PowerFailJournal(dir.resolve("pf.journal"));
        var m = new PowerFailMonitor(List.of(new PowerFailSignal.TriggerFile(trigger)), h, j);
        assertThat(m.poll(T0)).isFalse();
        Files.createFile(trigger);
        assertThat(m.poll(T0)).isTrue();
        assertThat(m.poll(T0)).isFalse();
        Files.delete(trigger);
        m.poll(T0);
        Files.createFile(trigger);
        assertThat(m.poll(T0)).isTrue();
        assertThat(j.read().samples()).hasSize(2);
        assertThat(m.events()).isEqualTo(2);
    }

    @Test
    void signals_gpioAndSilence() throws Exception {
        Path value = dir.resolve("value");
        Files.writeString(value, "1\n");
        assertThat(new PowerFailSignal.GpioLine(value, true).isFailing(T0)).isFalse();
        Files.writeString(value, "0\n");
        assertThat(new PowerFailSignal.GpioLine(value, true).isFailing(T0)).isTrue();
        assertThat(new PowerFailSignal.GpioLine(dir.resolve("missing"), true).isFailing(T0)).isFalse();
        var silence = new PowerFailSignal.MeterSilence(Duration.ofSeconds(5), () -> T0);
        assertThat(silence.isFailing(T0.plusSeconds(5))).isFalse();
        assertThat(silence.isFailing(T0.plusSeconds(6))).isTrue();
        assertThat(new PowerFailSignal.MeterSilence(Duration.ofSeconds(5), () -> null).isFailing(T0)).isFalse();
    }
}
