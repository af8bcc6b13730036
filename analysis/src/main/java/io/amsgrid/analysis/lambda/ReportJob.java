package io.amsgrid.analysis.lambda;

import io.amsgrid.analysis.AnalysisOptions;
import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.Coverage;
import io.amsgrid.analysis.GridAnalysis;
import io.amsgrid.analysis.csv.AmsCsvReader;
import io.amsgrid.analysis.csv.CsvLoad;
import io.amsgrid.analysis.report.HtmlReport;
import io.amsgrid.analysis.topology.Topology;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.MeterUnbalance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the CSV of the analysed days ({@code <csvPrefix><thing>/avg|pf/<date>.csv}) into a
 * temporary directory, runs {@link GridAnalysis}, uploads the report and publishes the metrics.
 */
public final class ReportJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
    private static final Pattern KEY = Pattern.compile("([^/]+)/(avg|pf)/(\\d{4}-\\d{2}-\\d{2})\\.csv");

    /** How a run ended. */
    public enum Status { REPORTED, NO_DATA }

    /** What a run did, for the handler's response. */
    public record Outcome(Status status, int meters, String reportKey, int faultSuspicions, int topologyFlags) {
    }

    private final AnalysisSettings settings;
    private final S3Client s3;
    private final EmfMetrics metrics;

    public ReportJob(AnalysisSettings settings, S3Client s3, EmfMetrics metrics) {
        this.settings = settings;
        this.s3 = s3;
        this.metrics = metrics;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    public Outcome run(LocalDate date) {
        Path work = null;
        try {
            work = Files.createTempDirectory("amsgrid-analysis-");
            LocalDate from = date.minusDays(settings.days() - 1L);
            int files = download(work.resolve("csv"), from, date);
            if (files == 0) {
                LOG.warn("no CSV for {}..{} under s3://{}/{}", from, date, settings.bucket(), settings.csvPrefix());
                metrics.put(System.currentTimeMillis(), Map.of("Report", "daily"), Map.of("MetersAnalysed", 0), "Count");
                return new Outcome(Status.NO_DATA, 0, "", 0, 0);
            }
            Topology topology = null;
            if (!settings.topologyKey().isBlank()) {
                Path t = work.resolve("topology.csv");
                s3.getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(settings.topologyKey()).build(), t);
                topology = Topology.read(t);
            }
            CsvLoad load = AmsCsvReader.read(work, from, date);
            AnalysisOptions options = AnalysisOptions.defaults().withZone(settings.zone());
            AnalysisResult result = GridAnalysis.run(load, topology, options);
            Path out = work.resolve("report");
            HtmlReport.write(result, out);
            String prefix = settings.reportPrefix() + date + "/";
            put(prefix + "index.html", out.resolve("index.html"), "text/html; charset=utf-8");
            put(prefix + "findings.json", out.resolve("findings.json"), "application/json");
            return publish(result, prefix + "index.html", load.problemCount());
        } catch (IOException e) {
            throw new UncheckedIOException("analysis work directory: " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private int download(Path csvRoot, LocalDate from, LocalDate to) throws IOException {
        int files = 0;
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(settings.csvPrefix()).build();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            Matcher m = KEY.matcher(o.key().substring(settings.csvPrefix().length()));
            if (!m.matches()) {
                continue;
            }
            LocalDate d = LocalDate.parse(m.group(3));
            if (d.isBefore(from) || d.isAfter(to)) {
                continue;
            }
            Path target = csvRoot.resolve(m.group(1)).resolve(m.group(2)).resolve(m.group(3) + ".csv");
            Files.createDirectories(target.getParent());
            s3.getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(o.key()).build(), target);
            files++;
        }
        return files;
    }

    private void put(String key, Path file, String contentType) {
        s3.putObject(PutObjectRequest.builder().bucket(settings.bucket()).key(key).contentType(contentType).build(),
                RequestBody.fromFile(file));
    }

    private Outcome publish(AnalysisResult r, String reportKey, int csvProblems) {
        long now = System.currentTimeMillis();
        int wrong = (int) r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.WrongTransformer).count();
        int order = (int) r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.OutOfOrder).count();
        int alarms = (int) r.unbalance().values().stream().filter(MeterUnbalance::hasAlarm).count();
        Map<String, Number> counts = new LinkedHashMap<>();
        counts.put("MetersAnalysed", r.meters().size());
        counts.put("FaultSuspicions", r.suspicions().size());
        counts.put("UnbalanceAlarmMeters", alarms);
        counts.put("WrongTransformerFlags", wrong);
        counts.put("OutOfOrderFlags", order);
        counts.put("CsvProblems", csvProblems);
        metrics.put(now, Map.of("Report", "daily"), counts, "Count");
        metrics.put(now, Map.of("Report", "daily"), Map.of("MeanCoveragePercent",
                r.coverage().stream().mapToDouble(Coverage::percent).average().orElse(0)), "Percent");
        r.suspicions().forEach(s -> metrics.put(now, Map.of("Radial", s.radial()),
                Map.of("FaultSuspicionMaxUnbalancePercent", s.maxPercent()), "Percent"));
        LOG.info("report {}: {} meters, {} fault suspicions, {} unbalance alarms, {} topology flags", reportKey,
                r.meters().size(), r.suspicions().size(), alarms, wrong + order);
        return new Outcome(Status.REPORTED, r.meters().size(), reportKey, r.suspicions().size(), wrong + order);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
