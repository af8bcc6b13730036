package io.amsgrid.localrun;

import io.amsgrid.gateway.GatewayStatus;
import io.amsgrid.gateway.source.CaptureFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./amsgrid local} prints: the progress line while it runs, and at the end where the
 * data is, what did not match the meters' frames, the cloud latency and the summary line.
 */
final class RunReport {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private final PrintStream out;

    RunReport(PrintStream out) {
        this.out = out;
    }

    /** One progress line; {@code note} is appended (the feed's lag, or empty). */
    void progress(Instant now, List<GatewayStatus> statuses, CloudStandIns cloud, String note) {
        long frames = 0;
        long rejects = 0;
        long outbox = 0;
        long published = 0;
        for (GatewayStatus s : statuses) {
            frames += s.framesOk();
            rejects += s.rejectTotal();
            outbox += s.outboxDepth();
            published += s.published();
        }
        out.printf("[%s] frames %d, rejected %d, published %d, outbox %d, stored %d, duplicates discarded %d%s%n",
                now.truncatedTo(ChronoUnit.SECONDS), frames, rejects, published, outbox,
                cloud.stored(), cloud.duplicatesDiscarded(), note);
        out.flush();
    }

    /** The closing lines; {@code lagLine} (null = none) comes before the latency; the last one is the summary (a contract). */
    void finish(RunSummary summary, CloudStandIns cloud, Path state, Path dataDir, List<Path> csv, double speed,
                String lagLine) {
        out.printf("data: DynamoDB table %s at %s; S3 bucket %s at %s (files under %s)%n", CloudStandIns.TABLE,
                cloud.settings().dynamoDbEndpoint(), CloudStandIns.BUCKET, cloud.settings().s3Endpoint(),
                state.resolve("s3"));
        out.printf("CSV: %d files under %s%n", csv.size(), dataDir.resolve("csv"));
        summary.problems().stream().filter(p -> p.startsWith("lost") || p.startsWith("doubled")
                || p.startsWith("unexpected")).forEach(p -> out.println("  " + p));
        long differing = summary.problems().stream().filter(p -> p.startsWith("differs")).count();
        if (differing > 0) {
            out.printf("  %d window value(s) differ from the meters' frames: frames sent close to a window edge were "
                    + "read after it (the machine did not keep up with --speed %.0f; try a lower speed)%n",
                    differing, speed);
            summary.problems().stream().filter(p -> p.startsWith("differs")).forEach(p -> LOG.info(p));
        }
        if (lagLine != null) {
            out.println(lagLine);
        }
        out.println(cloud.routeLine());
        out.println(cloud.latency().line());
        out.println(summary.line());
    }

    /** The first and last instant of a capture (its lines' {@code t}); bad lines are skipped. */
    static Instant[] captureSpan(Path capture) {
        Instant first = null;
        Instant last = null;
        long lineNo = 0;
        try (var lines = Files.lines(capture)) {
            for (String line : (Iterable<String>) lines::iterator) {
                lineNo++;
                try {
                    Instant t = CaptureFormat.parse(line, lineNo).at();
                    first = first == null || t.isBefore(first) ? t : first;
                    last = last == null || t.isAfter(last) ? t : last;
                } catch (CaptureFormat.BadLine e) {
                    // counted and reported by the gateway that replays it
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + capture, e);
        }
        Instant now = Instant.now();
        return new Instant[] {first == null ? now : first, last == null ? now : last};
    }

    static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
