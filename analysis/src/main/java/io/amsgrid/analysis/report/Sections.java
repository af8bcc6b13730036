package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.Coverage;
import io.amsgrid.analysis.DailyVoltage;
import io.amsgrid.analysis.chart.CoverageStrip;
import io.amsgrid.analysis.chart.Heatmap;
import io.amsgrid.analysis.chart.LineChart;
import io.amsgrid.analysis.chart.ScatterMatrix;
import io.amsgrid.analysis.chart.Svg;
import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Series;
import io.amsgrid.analysis.topology.TopologyFinding;
import io.amsgrid.analysis.unbalance.FaultSuspicion;
import io.amsgrid.analysis.unbalance.MeterUnbalance;
import io.amsgrid.analysis.unbalance.UnbalanceEpisode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's sections other than the voltage charts. */
final class Sections {

    static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#222}
            main{max-width:1320px;margin:0 auto;padding:16px}
            h1{margin:8px 0 0}h2{margin:28px 0 6px;border-bottom:2px solid #d0d4da;padding-bottom:4px}
            .sub,.note{color:#555;margin:4px 0 10px}.row{display:flex;gap:12px;flex-wrap:wrap}
            svg.chart{background:#fff;border:1px solid #d0d4da;border-radius:6px;margin:4px 0}
            .cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
            .card{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:10px 16px;min-width:180px}
            .card b{display:block;font-size:28px}.card.bad b{color:#c0392b}.card.ok b{color:#2e7d32}
            table{border-collapse:collapse;background:#fff;margin:6px 0;font-size:13px}
            th,td{border:1px solid #d0d4da;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eef0f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.bad td{background:#fdecea}details{margin:6px 0}summary{cursor:pointer;font-weight:bold}
            """;

    private Sections() {
    }

    static String dateTime(long s, ZoneId zone) {
        return Instant.ofEpochSecond(s).atZone(zone).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    static LocalDate firstDay(AnalysisResult r) {
        return Instant.ofEpochSecond(r.data().timeline()[0]).atZone(r.options().zone()).toLocalDate();
    }

    static LocalDate lastDay(AnalysisResult r) {
        long[] tl = r.data().timeline();
        return Instant.ofEpochSecond(tl[tl.length - 1]).atZone(r.options().zone()).toLocalDate();
    }

    static void summary(StringBuilder h, AnalysisResult r) {
        long wrong = r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.WrongTransformer).count();
        long order = r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.OutOfOrder).count();
        long alarms = r.unbalance().values().stream().filter(MeterUnbalance::hasAlarm).count();
        double coverage = r.coverage().stream().mapToDouble(Coverage::percent).average().orElse(0);
        h.append("<div class=\"cards\">");
        card(h, r.suspicions().size(), "suspected high-impedance faults", r.suspicions().isEmpty());
        card(h, alarms, "meters with unbalance alarms (&gt; " + r.options().unbalanceThresholdPercent() + " %, "
                + r.options().unbalanceMinMinutes() + " min)", alarms == 0);
        if (r.topology() != null) {
            card(h, wrong, "meters likely on another transformer", wrong == 0);
            card(h, order, "meters out of recorded order", order == 0);
        }
        h.append("<div class=\"card\"><b>").append(String.format(Locale.ROOT, "%.1f %%", coverage))
                .append("</b>mean data coverage</div>");
        h.append("<div class=\"card\"><b>").append(String.format(Locale.ROOT, "%02d / %02d", r.highestVoltageHour(),
                r.lowestVoltageHour())).append("</b>hour of highest / lowest voltage</div></div>");
        if (!r.csvProblems().isEmpty()) {
            h.append("<p class=\"note\">CSV problems (rows or files skipped): ").append(Svg.escape(r.csvProblems().toString()))
                    .append("</p><details><summary>first problem messages</summary><pre>");
            r.csvProblemMessages().forEach(m -> h.append(Svg.escape(m)).append('\n'));
            h.append("</pre></details>");
        }
    }

    private static void card(StringBuilder h, long n, String label, boolean ok) {
        h.append("<div class=\"card ").append(ok ? "ok" : "bad").append("\"><b>").append(n).append("</b>").append(label)
                .append("</div>");
    }

    static void profile(StringBuilder h, AnalysisResult r, LocalDate day) {
        ZoneId zone = r.options().zone();
        long[] xs = new long[24];
        for (int i = 0; i < 24; i++) {
            xs[i] = day.atStartOfDay(zone).plusHours(i).plusMinutes(30).toEpochSecond();
        }
        h.append("<h2>Voltage by hour of day</h2><p class=\"note\">Mean over all meters and days of each meter's voltage"
                + " minus its own mean: highest at ").append(r.highestVoltageHour()).append(":00, lowest at ")
                .append(r.lowestVoltageHour()).append(":00.</p>");
        h.append(new LineChart("Voltage deviation by hour (all meters)", "deviation from mean (V)", zone)
                .line(new LineChart.Line("mean over meters", xs, r.hourlyDeviationV(), "#9467bd"))
                .rule(new LineChart.Rule("0", 0, "#888")).render(HtmlReport.WIDTH, 260));
    }

    static void correlation(StringBuilder h, AnalysisResult r, Map<String, List<String>> groups) {
        List<String> ids = r.data().meterIds();
        List<String> ordered = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (List<String> g : groups.values()) {
            starts.add(ordered.size());
            ordered.addAll(g);
        }
        int n = ordered.size();
        double[][] raw = new double[n][n];
        double[][] fl = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                raw[i][j] = r.rawCorrelation()[ids.indexOf(ordered.get(i))][ids.indexOf(ordered.get(j))].r();
                fl[i][j] = r.fluctuationCorrelation()[ids.indexOf(ordered.get(i))][ids.indexOf(ordered.get(j))].r();
            }
        }
        h.append("<h2>Correlation between meters</h2><p class=\"note\">Pearson's r on aligned timestamps. Left: the voltages"
                + " themselves (every meter shares the daily load shape, so all are correlated). Right: the fluctuations"
                + " (voltage minus its ").append(r.options().detrendSpanMinutes()).append("-minute centered average),"
                + " which separate transformers; lines mark the groups.</p><div class=\"row\">");
        h.append(Heatmap.render("r of voltages", ordered, raw, starts));
        h.append(Heatmap.render("r of voltage fluctuations", ordered, fl, starts));
        h.append("</div>");
        for (var g : groups.entrySet()) {
            List<String> members = g.getValue().subList(0, Math.min(6, g.getValue().size()));
            if (members.size() < 2) {
                continue;
            }
            List<double[]> values = new ArrayList<>();
            double[][] rr = new double[members.size()][members.size()];
            for (int i = 0; i < members.size(); i++) {
                values.add(Series.normalize(r.data().voltage(ids.indexOf(members.get(i)))));
                for (int j = 0; j < members.size(); j++) {
                    rr[i][j] = r.rawCorrelation()[ids.indexOf(members.get(i))][ids.indexOf(members.get(j))].r();
                }
            }
            h.append(ScatterMatrix.render(g.getKey() + ": normalized voltages, histograms on the diagonal", members,
                    values, rr, 150));
            break;
        }
        h.append("<h3>Clusters of meters that move together</h3><p class=\"note\">Average-linkage clustering on 1 - r of the"
                + " fluctuations, cut at distance ").append(r.options().clusterMaxDistance()).append(".</p><table><tr><th>cluster</th><th>meters</th></tr>");
        int c = 1;
        for (List<String> cl : r.clusters()) {
            h.append("<tr><td>").append(c++).append("</td><td>").append(Svg.escape(String.join(", ", cl))).append("</td></tr>");
        }
        h.append("</table><details><summary>all pairs: r, n, t, p</summary><table><tr><th>meter</th><th>meter</th>"
                + "<th>r</th><th>n</th><th>t</th><th>p (two-sided)</th><th>r of fluctuations</th></tr>");
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                var raw1 = r.rawCorrelation()[i][j];
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td class=\"num\">%.3f</td><td class=\"num\">%d</td>"
                                + "<td class=\"num\">%.1f</td><td class=\"num\">%.2g</td><td class=\"num\">%.3f</td></tr>",
                        Svg.escape(ids.get(i)), Svg.escape(ids.get(j)), raw1.r(), raw1.n(), raw1.t(), raw1.pValue(),
                        r.fluctuationCorrelation()[i][j].r()));
            }
        }
        h.append("</table></details>");
    }

    static void unbalance(StringBuilder h, AnalysisResult r) {
        h.append("<h2>Voltage unbalance</h2><p class=\"note\">Three-phase meters. Line voltages: exact factor from magnitudes"
                + " (thesis eq. 2.3-2.4); phase voltages: max deviation from mean (NEMA/IEEE approximation). Alarm: above ")
                .append(r.options().unbalanceThresholdPercent()).append(" % (EN 50160 limit) for at least ")
                .append(r.options().unbalanceMinMinutes()).append(" minutes. Fault suspicion: above ")
                .append(r.options().faultThresholdPercent()).append(" % for ").append(r.options().faultMinMinutesPerDay())
                .append(" min per day, starting at one meter and shared downstream.</p>");
        if (!r.suspicions().isEmpty()) {
            h.append("<table><tr><th>radial</th><th>suspected high-impedance fault</th></tr>");
            for (FaultSuspicion s : r.suspicions()) {
                h.append("<tr class=\"bad\"><td>").append(Svg.escape(s.radial())).append("</td><td>")
                        .append(Svg.escape(s.evidence())).append("</td></tr>");
            }
            h.append("</table>");
        }
        List<MeterUnbalance> alarmed = r.unbalance().values().stream().filter(MeterUnbalance::hasAlarm)
                .sorted((a, b) -> Long.compare(b.alarmSeconds(), a.alarmSeconds())).toList();
        if (!alarmed.isEmpty()) {
            LineChart chart = new LineChart("Unbalance of the meters with alarms", "unbalance (%)", r.options().zone())
                    .rule(new LineChart.Rule("EN 50160 " + r.options().unbalanceThresholdPercent() + " %",
                            r.options().unbalanceThresholdPercent(), "#e67e22"))
                    .rule(new LineChart.Rule("fault level " + r.options().faultThresholdPercent() + " %",
                            r.options().faultThresholdPercent(), "#c0392b"));
            for (int i = 0; i < Math.min(6, alarmed.size()); i++) {
                MeterUnbalance u = alarmed.get(i);
                chart.line(new LineChart.Line(u.meterId(), u.timestampS(), u.percent(), Svg.colour(i)));
            }
            h.append(chart.render(HtmlReport.WIDTH, 320));
        }
        h.append("<table><tr><th>meter</th><th>voltages</th><th>95th pct (%)</th><th>max (%)</th><th>alarms</th>"
                + "<th>alarm minutes</th><th>longest alarm</th></tr>");
        for (MeterUnbalance u : r.unbalance().values()) {
            UnbalanceEpisode longest = u.episodes().stream().max((a, b) -> Long.compare(a.durationS(), b.durationS())).orElse(null);
            h.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%s</td><td class=\"num\">%.2f</td><td class=\"num\">%.2f</td>"
                            + "<td class=\"num\">%d</td><td class=\"num\">%d</td><td>%s</td></tr>",
                    u.hasAlarm() ? " class=\"bad\"" : "", Svg.escape(u.meterId()),
                    u.voltages() == io.amsgrid.analysis.unbalance.VoltageKind.LINE_TO_LINE ? "line (IT)" : "phase (TN)",
                    u.p95Percent(), u.maxPercent(), u.episodes().size(), u.alarmSeconds() / 60,
                    longest == null ? "" : dateTime(longest.startS(), r.options().zone()) + ", " + longest.durationS() / 60
                            + " min, max " + String.format(Locale.ROOT, "%.1f %%", longest.maxPercent())));
        }
        h.append("</table>");
    }

    static void topology(StringBuilder h, AnalysisResult r) {
        h.append("<h2>Topology checks</h2>");
        if (r.topology() == null) {
            h.append("<p class=\"note\">No topology file given (--topology): checks not run.</p>");
            return;
        }
        List<TopologyFinding> shown = r.topologyFindings().stream().filter(f -> !(f instanceof TopologyFinding.NotCheckable)).toList();
        h.append("<p class=\"note\">Correlation check (meter follows another transformer's group) and voltage-drop order"
                + " check (three-phase meters, low-load windows without export). ").append(shown.size())
                .append(" finding(s).</p><table><tr><th>meter</th><th>finding</th><th>evidence</th></tr>");
        for (TopologyFinding f : shown) {
            String what = switch (f) {
                case TopologyFinding.WrongTransformer w -> "recorded on " + w.recordedTransformer() + ", likely on " + w.likelyTransformer();
                case TopologyFinding.OutOfOrder o -> "out of order on " + o.radial();
                case TopologyFinding.NotCheckable n -> "not checkable";
            };
            h.append("<tr class=\"bad\"><td>").append(Svg.escape(f.meterId())).append("</td><td>").append(Svg.escape(what))
                    .append("</td><td>").append(Svg.escape(f.evidence())).append("</td></tr>");
        }
        h.append("</table>");
        long notCheckable = r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.NotCheckable).count();
        if (notCheckable > 0) {
            h.append("<details><summary>").append(notCheckable).append(" meter(s) not checked for order</summary><table>");
            r.topologyFindings().stream().filter(f -> f instanceof TopologyFinding.NotCheckable).forEach(f ->
                    h.append("<tr><td>").append(Svg.escape(f.meterId())).append("</td><td>").append(Svg.escape(f.evidence()))
                            .append("</td></tr>"));
            h.append("</table></details>");
        }
    }

    static void coverage(StringBuilder h, AnalysisResult r) {
        long[] tl = r.data().timeline();
        h.append("<h2>Data coverage</h2><p class=\"note\">Green: windows present; red: gaps.</p><table><tr><th>meter</th>"
                + "<th>phases</th><th>windows</th><th>coverage</th><th>gaps</th><th>longest gap</th><th>power-fail events</th>"
                + "<th>timeline</th></tr>");
        for (Coverage c : r.coverage()) {
            MeterSeries m = r.meter(c.meterId());
            long longest = c.gaps().stream().mapToLong(Coverage.Gap::minutes).max().orElse(0);
            h.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%s</td><td class=\"num\">%d / %d</td><td class=\"num\">%.1f %%</td>"
                            + "<td class=\"num\">%d</td><td class=\"num\">%d min</td><td class=\"num\">%d</td><td>%s</td></tr>",
                    c.percent() < 95 ? " class=\"bad\"" : "", Svg.escape(c.meterId()), c.threePhase() ? "3" : "1",
                    c.windows(), c.expectedWindows(), c.percent(), c.gaps().size(), longest, c.powerFailEvents(),
                    CoverageStrip.render(tl[0], tl[tl.length - 1], m.timestampS(), r.intervalS(), 420)));
        }
        h.append("</table>");
    }

    static void dailyTable(StringBuilder h, AnalysisResult r) {
        h.append("<details><summary>Daily minimum and maximum voltage per meter</summary><table><tr><th>meter</th><th>date</th>"
                + "<th>min (V)</th><th>at</th><th>max (V)</th><th>at</th><th>mean (V)</th></tr>");
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        ZoneId zone = r.options().zone();
        for (DailyVoltage d : r.dailyVoltage()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td class=\"num\">%.1f</td><td>%s</td>"
                            + "<td class=\"num\">%.1f</td><td>%s</td><td class=\"num\">%.1f</td></tr>",
                    Svg.escape(d.meterId()), d.date(), d.minV(), Instant.ofEpochSecond(d.minAtS()).atZone(zone).format(hm),
                    d.maxV(), Instant.ofEpochSecond(d.maxAtS()).atZone(zone).format(hm), d.meanV()));
        }
        h.append("</table></details>");
    }

    static void method(StringBuilder h, AnalysisResult r) {
        h.append("<h2>Method</h2><p class=\"note\">Formulas, thresholds and their sources are in docs/analysis.md. Options used: ")
                .append(Svg.escape(r.options().toString())).append("</p>");
    }
}
