package io.amsgrid.analysis.csv;

import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmsCsvReaderTest {

    @TempDir
    Path dir;

    private void file(String thing, String name, String text) throws IOException {
        Path f = dir.resolve("csv").resolve(thing).resolve("avg").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void read_singlePhaseColumnsInAnyOrder_byHeaderName() throws IOException {
        file("m1", "2026-04-28.csv", """
                voltageL1V_avg,timestamp,activeImportW_avg,voltageL1V_min,voltageL1V_max,samples
                231.5,1777327200,1200,230,233,6
                ,1777327260,1100,,,6
                """);
        CsvLoad load = AmsCsvReader.read(dir, null, null);
        MeterSeries m = load.meters().get(0);
        assertThat(m.meterId()).isEqualTo("m1");
        assertThat(m.isThreePhase()).isFalse();
        assertThat(m.timestampS()).containsExactly(1777327200L, 1777327260L);
        assertThat(m.avg(Measurement.VOLTAGE_L1_V)[0]).isEqualTo(231.5);
        assertThat(m.avg(Measurement.VOLTAGE_L1_V)[1]).isNaN();
        assertThat(m.max(Measurement.VOLTAGE_L1_V)[0]).isEqualTo(233);
        assertThat(m.avg(Measurement.VOLTAGE_L2_V)[0]).isNaN();
        assertThat(load.problemCount()).isZero();
    }

    @Test
    void read_badRowsAndFiles_countedByReasonAndGoodRowsKept() throws IOException {
        file("m1", "2026-04-28.csv", """
                timestamp,voltageL1V_avg,bogus_avg,samples
                1777327200,231,1,6
                1777327260,abc,1,6
                1777327320,231
                1777327200,229,1,6
                """);
        file("m1", "notes.csv", "x\n");
        file("m2", "2026-04-28.csv", "voltageL1V_avg\n230\n");
        CsvLoad load = AmsCsvReader.read(dir, null, null);
        assertThat(load.meters()).hasSize(1);
        assertThat(load.meters().get(0).size()).isEqualTo(1);
        assertThat(load.problems()).containsEntry(CsvProblem.UNKNOWN_COLUMN, 1).containsEntry(CsvProblem.BAD_NUMBER, 1)
                .containsEntry(CsvProblem.WRONG_CELL_COUNT, 1).containsEntry(CsvProblem.DUPLICATE_TIMESTAMP, 1)
                .containsEntry(CsvProblem.BAD_FILE_NAME, 1).containsEntry(CsvProblem.NO_TIMESTAMP_COLUMN, 1);
        assertThat(load.problemMessages()).anyMatch(s -> s.contains("2026-04-28.csv:3"));
    }

    @Test
    void read_dateRangeAndCsvDirectoryItself_accepted() throws IOException {
        file("m1", "2026-04-27.csv", "timestamp,voltageL1V_avg\n1777240800,230\n");
        file("m1", "2026-04-28.csv", "timestamp,voltageL1V_avg\n1777327200,231\n");
        CsvLoad load = AmsCsvReader.read(dir.resolve("csv"), LocalDate.of(2026, 4, 28), null);
        assertThat(load.meters().get(0).timestampS()).containsExactly(1777327200L);
    }

    @Test
    void read_noCsvThere_explainsTheLayout() {
        assertThatThrownBy(() -> AmsCsvReader.read(dir, null, null)).hasMessageContaining("csv/<thing>/avg/<yyyy-mm-dd>.csv");
    }

    @Test
    void writeThenRead_roundTripsValuesAndSplitsByLocalDate() throws IOException {
        MeterSeriesBuilder b = new MeterSeriesBuilder("m3");
        MeterSeries.THREE_PHASE.forEach(b::addColumn);
        long midnightOslo = LocalDate.of(2026, 4, 28).atStartOfDay(ZoneId.of("Europe/Oslo")).toEpochSecond();
        for (int i = -2; i < 2; i++) {
            double[] row = MeterSeriesBuilder.emptyRow();
            for (Measurement m : MeterSeries.THREE_PHASE) {
                MeterSeriesBuilder.set(row, m, 0, 230.125 + i);
                MeterSeriesBuilder.set(row, m, 1, 229);
                MeterSeriesBuilder.set(row, m, 2, 232.5);
            }
            MeterSeriesBuilder.set(row, Measurement.ACTIVE_EXPORT_W, 0, Double.NaN);
            b.add(midnightOslo + i * 60L, row, 6);
        }
        MeterSeries written = b.build();
        AmsCsvWriter.writeAvg(dir.resolve("csv"), written, ZoneId.of("Europe/Oslo"));
        Path day1 = dir.resolve("csv/m3/avg/2026-04-27.csv");
        assertThat(Files.readAllLines(day1).get(0)).isEqualTo(AmsCsvWriter.header(written)).startsWith(
                "timestamp,activeImportW_avg,activeImportW_min,activeImportW_max,activeExportW_avg").endsWith(
                "voltageL3V_avg,voltageL3V_min,voltageL3V_max,samples");
        assertThat(Files.readAllLines(day1)).hasSize(3);
        MeterSeries read = AmsCsvReader.read(dir, null, null).meters().get(0);
        assertThat(read.timestampS()).containsExactly(written.timestampS());
        assertThat(read.avg(Measurement.VOLTAGE_L3_V)).containsExactly(written.avg(Measurement.VOLTAGE_L3_V));
        assertThat(read.avg(Measurement.ACTIVE_EXPORT_W)[0]).isNaN();
        assertThat(read.samples()).containsExactly(6, 6, 6, 6);
    }

    @Test
    void format_trimsZerosAndRounds() {
        assertThat(AmsCsvWriter.format(230.0)).isEqualTo("230");
        assertThat(AmsCsvWriter.format(230.1250001)).isEqualTo("230.125");
        assertThat(AmsCsvWriter.format(0.5)).isEqualTo("0.5");
        assertThat(AmsCsvWriter.format(Double.NaN)).isEmpty();
    }
}
