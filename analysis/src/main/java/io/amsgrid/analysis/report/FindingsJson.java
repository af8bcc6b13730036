package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.Coverage;
import io.amsgrid.analysis.stats.Correlation;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.MeterUnbalance;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code findings.json}: the findings in machine-readable form (no raw series). */
public final class FindingsJson {

    private FindingsJson() {
    }

    public static Map<String, Object> toMap(AnalysisResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        long[] tl = r.data().timeline();
        root.put("periodStart", Instant.ofEpochSecond(tl[0]).toString());
        root.put("periodEnd", Instant.ofEpochSecond(tl[tl.length - 1] + r.intervalS()).toString());
        root.put("intervalSeconds", r.intervalS());
        root.put("meters", r.meters().size());
        Map<String, Object> options = new LinkedHashMap<>();
        for (var c : r.options().getClass().getRecordComponents()) {
            try {
                options.put(c.getName(), String.valueOf(c.getAccessor().invoke(r.options())));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        root.put("options", options);
        root.put("csvProblems", r.csvProblems());
        List<Map<String, Object>> coverage = new ArrayList<>();
        for (Coverage c : r.coverage()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meter", c.meterId());
            m.put("threePhase", c.threePhase());
            m.put("windows", c.windows());
            m.put("expectedWindows", c.expectedWindows());
            m.put("percent", round(c.percent(), 2));
            m.put("gaps", c.gaps().stream().map(g -> Map.of("start", Instant.ofEpochSecond(g.startS()).toString(),
                    "minutes", g.minutes())).toList());
            m.put("powerFailEvents", c.powerFailEvents());
            coverage.add(m);
        }
        root.put("coverage", coverage);
        root.put("voltageProfile", Map.of("highestHour", r.highestVoltageHour(), "lowestHour", r.lowestVoltageHour(),
                "hourlyDeviationV", java.util.Arrays.stream(r.hourlyDeviationV()).map(v -> round(v, 3)).toArray()));
        root.put("clusters", r.clusters());
        List<Map<String, Object>> pairs = new ArrayList<>();
        List<String> ids = r.data().meterIds();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Correlation raw = r.rawCorrelation()[i][j];
                Correlation fl = r.fluctuationCorrelation()[i][j];
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("a", ids.get(i));
                p.put("b", ids.get(j));
                p.put("r", round(raw.r(), 4));
                p.put("n", raw.n());
                p.put("t", round(raw.t(), 2));
                p.put("p", raw.pValue());
                p.put("fluctuationR", round(fl.r(), 4));
                pairs.add(p);
            }
        }
        root.put("correlations", pairs);
        List<Map<String, Object>> unbalance = new ArrayList<>();
        for (MeterUnbalance u : r.unbalance().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meter", u.meterId());
            m.put("voltages", u.voltages());
            m.put("p95Percent", round(u.p95Percent(), 3));
            m.put("maxPercent", round(u.maxPercent(), 3));
            m.put("alarmMinutes", u.alarmSeconds() / 60);
            m.put("alarms", u.episodes().stream().map(e -> Map.of("start", Instant.ofEpochSecond(e.startS()).toString(),
                    "end", Instant.ofEpochSecond(e.endS()).toString(), "maxPercent", round(e.maxPercent(), 2),
                    "meanPercent", round(e.meanPercent(), 2))).toList());
            unbalance.add(m);
        }
        root.put("unbalance", unbalance);
        root.put("faultSuspicions", r.suspicions().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("radial", s.radial());
            m.put("firstMeter", s.firstMeter());
            m.put("firstPosition", s.firstPosition());
            m.put("afterMeter", s.afterMeter());
            m.put("sharingDownstream", s.sharingDownstream());
            m.put("quietDownstream", s.quietDownstream());
            m.put("maxPercent", round(s.maxPercent(), 2));
            m.put("minutesAboveFaultLevel", s.alarmMinutes());
            m.put("evidence", s.evidence());
            return m;
        }).toList());
        root.put("topologyFindings", r.topologyFindings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", switch (f) {
                case TopologyFinding.WrongTransformer w -> "wrongTransformer";
                case TopologyFinding.OutOfOrder o -> "outOfOrder";
                case TopologyFinding.NotCheckable n -> "notCheckable";
            });
            m.put("meter", f.meterId());
            m.put("detail", f);
            m.put("evidence", f.evidence());
            return m;
        }).toList());
        return root;
    }

    public static void write(AnalysisResult r, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap(r));
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
