package io.amsgrid.localrun;

import io.amsgrid.localrun.feed.FeedKind;
import io.amsgrid.rules.IngestRoute;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./amsgrid local --route batched}: the ingest rules' SQS action into the local queue, the
 * event source mapping's batches into the real batch ingest handler, dynalite. Every window and hour
 * the meters' frames call for is stored once, value for value, and every published message is stored.
 */
class BatchedRouteIT {
    private static final Pattern PROGRESS = Pattern.compile(
            "\\[.*] frames \\d+, rejected \\d+, published (\\d+), outbox (\\d+), stored (\\d+), duplicates discarded (\\d+).*");
    private static final Pattern ROUTE = Pattern.compile(
            "ingest route: batched .*: (\\d+) batches, [\\d.]+ messages per batch, (\\d+) item failures, "
                    + "(\\d+) whole-batch failures, (\\d+) dead-lettered; .*");
    private static final Pattern CLOUD = Pattern.compile("cloud: (\\d+) messages, .* max (\\d+) ms");

    @Test
    void run_batchedRoute_everyWindowAndHourStoredOnceValueForValue(@TempDir Path dir) {
        // eight simulated minutes across a full hour at 10x, in memory (no socat needed for the route)
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(56));
        LocalOptions options = new LocalOptions(4, 10, Duration.ofMinutes(8), null, "capture-1", null, dir, 1, start,
                FeedKind.MEMORY, IngestRoute.BATCHED);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunSummary summary = LocalRun.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false);

        String output = printed.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        assertThat(lines.get(lines.size() - 1)).as(output).matches(
                "meters 4, frames \\d+, rejected 0, aggregates 32, hourly 4, stored 36, lost 0, duplicates 0");
        assertThat(summary.problems()).as(output).isEmpty();

        Matcher progress = lastMatch(lines, PROGRESS, output);
        long published = Long.parseLong(progress.group(1));
        assertThat(Long.parseLong(progress.group(2))).as("outbox").isZero();
        assertThat(Long.parseLong(progress.group(3))).as("stored = published").isEqualTo(published).isEqualTo(36);
        assertThat(Long.parseLong(progress.group(4))).as("duplicates discarded").isZero();

        Matcher route = lastMatch(lines, ROUTE, output);
        long batches = Long.parseLong(route.group(1));
        assertThat(batches).as("several messages per batch").isBetween(1L, 35L);
        assertThat(route.group(2) + route.group(3) + route.group(4)).as("no failures, nothing dead-lettered").isEqualTo("000");

        Matcher cloud = lastMatch(lines, CLOUD, output);
        assertThat(Long.parseLong(cloud.group(1))).isEqualTo(36);
        assertThat(Long.parseLong(cloud.group(2))).as("the first message of a batch waits the 5 s window")
                .isGreaterThanOrEqualTo(4_900);
        assertThat(dir.resolve("csv/meter-0001/avg")).isDirectory();
        assertThat(dir.resolve("csv/meter-0004/hr")).isDirectory();
    }

    private static Matcher lastMatch(List<String> lines, Pattern pattern, String output) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.matches()) {
                return m;
            }
        }
        throw new AssertionError("no line matches " + pattern + " in:\n" + output);
    }
}
