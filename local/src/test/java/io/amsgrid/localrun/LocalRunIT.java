package io.amsgrid.localrun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain on one machine: six simulated meters (every vendor, single- and three-phase)
 * through pseudo-terminals into six real gateways, mosquitto with mutual TLS, the IoT rules as
 * deployed, the ingest Lambda into dynalite, the export Lambda into s3proxy, CSV on disk. Every
 * aggregate and hour the meters' frames call for is stored once, value for value.
 */
class LocalRunIT {

    @Test
    void run_sixMetersAcrossAnHour_everyWindowAndHourStoredOnceValueForValue(@TempDir Path dir) {
        // Twelve simulated minutes across a full hour, at 10x: frames near a window edge still
        // arrive inside their window on a busy 2-core machine (2 s of meter time = 200 ms).
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(54));
        LocalOptions options = new LocalOptions(6, 10, Duration.ofMinutes(12), null, "capture-1", null, dir, 1, start);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary summary = LocalRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false);

        String output = printed.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches(
                "meters 6, frames \\d+, rejected 0, aggregates \\d+, hourly 6, stored \\d+, lost 0, duplicates 0");
        assertThat(summary.problems()).as(output).isEmpty();
        assertThat(summary.aggregates()).as("12 one-minute windows per meter").isEqualTo(6 * 12);
        assertThat(summary.stored()).isEqualTo(summary.aggregates() + summary.hourly());
        assertThat(summary.frames()).isGreaterThan(6 * 12 * 6);

        Path csv = dir.resolve("csv");
        try (Stream<Path> files = Files.walk(csv)) {
            List<Path> avg = files.filter(p -> p.toString().contains("/avg/")).toList();
            long rows = 0;
            for (Path p : avg) {
                List<String> content = Files.readAllLines(p);
                assertThat(content.get(0)).startsWith("timestamp,activeImportW_avg,activeImportW_min,activeImportW_max")
                        .endsWith(",samples");
                rows += content.size() - 1;
            }
            assertThat(rows).as("every stored window is a CSV row").isEqualTo(summary.aggregates());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(dir.resolve("csv/meter-0004/avg")).isDirectory();
        assertThat(dir.resolve("csv/meter-0001/hr")).isDirectory();
    }
}
