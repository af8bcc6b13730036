package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.chart.LineChart;
import io.amsgrid.analysis.chart.Svg;
import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.stats.Series;
import io.amsgrid.codec.meter.Measurement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}: one self-contained page (inline SVG, no scripts, no network) with the
 * charts of the thesis's figures 6.1-6.8, the unbalance and topology findings and the data
 * coverage. Writes {@code findings.json} next to it.
 */
public final class HtmlReport {

    static final int WIDTH = 1300;

    private HtmlReport() {
    }

    /** Writes {@code out/index.html} and {@code out/findings.json}; returns the HTML file. */
    public static Path write(AnalysisResult result, Path out) throws IOException {
        Files.createDirectories(out);
        Path html = out.resolve("index.html");
        Files.writeString(html, render(result), StandardCharsets.UTF_8);
        FindingsJson.write(result, out.resolve("findings.json"));
        return html;
    }

    public static String render(AnalysisResult r) {
        StringBuilder h = new StringBuilder(1 << 20);
        ZoneId zone = r.options().zone();
        LocalDate day = ReportData.fullestDay(r);
        Map<String, List<String>> groups = ReportData.groups(r);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>amsgrid grid analysis</title>")
                .append("<style>").append(Sections.CSS).append("</style></head><body><main>");
        long[] tl = r.data().timeline();
        h.append("<h1>Grid analysis</h1><p class=\"sub\">").append(r.meters().size()).append(" meters, ")
                .append(Sections.dateTime(tl[0], zone)).append(" to ").append(Sections.dateTime(tl[tl.length - 1] + r.intervalS(), zone))
                .append(", ").append(r.intervalS()).append(" s windows; smoothing ").append(r.options().smoothingSpanMinutes())
                .append(" min moving average. Times are local (").append(zone).append(").</p>");
        Sections.summary(h, r);

        h.append("<h2>Voltage of all meters, ").append(day).append("</h2>")
                .append("<p class=\"note\">Mean of each meter's phase voltages (thesis fig. 6.3), smoothed; and the same normalized 0-1 (fig. 6.4).</p>");
        groups.forEach((name, ids) -> {
            h.append("<div class=\"row\">");
            h.append(groupChart(r, name + ": voltage, " + day, ids, day, day, false));
            h.append(groupChart(r, name + ": normalized voltage, " + day, ids, day, day, true));
            h.append("</div>");
        });
        LocalDate last = Sections.lastDay(r);
        LocalDate weekStart = last.minusDays(6).isBefore(Sections.firstDay(r)) ? Sections.firstDay(r) : last.minusDays(6);
        h.append("<h2>Voltage through the week, ").append(weekStart).append(" to ").append(last).append("</h2>")
                .append("<p class=\"note\">Thesis fig. 6.6 and 6.7: high at night, low in the morning and evening peaks.</p>");
        groups.forEach((name, ids) -> {
            h.append(groupChart(r, name + ": voltage", ids, weekStart, last, false));
            h.append(groupChart(r, name + ": normalized voltage", ids, weekStart, last, true));
        });
        Sections.profile(h, r, day);
        Sections.correlation(h, r, groups);
        Sections.unbalance(h, r);
        Sections.topology(h, r);
        Sections.coverage(h, r);
        h.append("<h2>Per meter, ").append(day).append("</h2><p class=\"note\">Imported active power: average with the window's min-max band (thesis fig. 6.1); power, current and voltage normalized 0-1 (fig. 6.2).</p>");
        int i = 0;
        for (MeterSeries m : r.meters()) {
            h.append("<details").append(i++ < 3 ? " open" : "").append("><summary>").append(Svg.escape(m.meterId()))
                    .append(m.isThreePhase() ? " (three-phase)" : " (single-phase)").append("</summary><div class=\"row\">")
                    .append(powerChart(r, m, day)).append(normalizedChart(r, m, day)).append("</div></details>");
        }
        Sections.dailyTable(h, r);
        Sections.method(h, r);
        h.append("</main></body></html>");
        return h.toString();
    }

    private static String groupChart(AnalysisResult r, String title, List<String> ids, LocalDate from, LocalDate to,
                                     boolean normalized) {
        ZoneId zone = r.options().zone();
        LineChart chart = new LineChart(title, normalized ? "normalized (0-1)" : "voltage (V)", zone);
        if (normalized) {
            chart.yRange(0, 1);
        }
        int c = 0;
        for (String id : ids) {
            MeterSeries m = r.meter(id);
            int[] range = {ReportData.dayRange(m, from, zone)[0], ReportData.dayRange(m, to, zone)[1]};
            long[] ts = ReportData.slice(m.timestampS(), range);
            double[] v = Series.trailingMean(ts, ReportData.slice(m.meanVoltageV(), range), r.options().smoothingSpanMinutes() * 60L);
            chart.line(new LineChart.Line(id, ts, normalized ? Series.normalize(v) : v, Svg.colour(c++)));
        }
        return chart.render(from.equals(to) ? WIDTH / 2 - 6 : WIDTH, 320);
    }

    private static String powerChart(AnalysisResult r, MeterSeries m, LocalDate day) {
        int[] range = ReportData.dayRange(m, day, r.options().zone());
        long[] ts = ReportData.slice(m.timestampS(), range);
        LineChart chart = new LineChart(m.meterId() + ": imported active power", "power (W)", r.options().zone())
                .band(new LineChart.Band("min-max", ts, ReportData.slice(m.min(Measurement.ACTIVE_IMPORT_W), range),
                        ReportData.slice(m.max(Measurement.ACTIVE_IMPORT_W), range), "#1f77b4"))
                .line(new LineChart.Line("average", ts, ReportData.slice(m.avg(Measurement.ACTIVE_IMPORT_W), range), "#1f77b4"));
        double[] export = ReportData.slice(m.avg(Measurement.ACTIVE_EXPORT_W), range);
        if (java.util.Arrays.stream(export).anyMatch(x -> x > 0)) {
            chart.line(new LineChart.Line("exported (PV)", ts, export, "#2ca02c"));
        }
        return chart.render(WIDTH / 2 - 6, 300);
    }

    private static String normalizedChart(AnalysisResult r, MeterSeries m, LocalDate day) {
        int[] range = ReportData.dayRange(m, day, r.options().zone());
        long[] ts = ReportData.slice(m.timestampS(), range);
        long span = r.options().smoothingSpanMinutes() * 60L;
        double[] p = Series.normalize(Series.trailingMean(ts, ReportData.slice(m.avg(Measurement.ACTIVE_IMPORT_W), range), span));
        double[] i = Series.normalize(Series.trailingMean(ts, ReportData.slice(m.totalCurrentA(), range), span));
        double[] v = Series.normalize(Series.trailingMean(ts, ReportData.slice(m.meanVoltageV(), range), span));
        return new LineChart(m.meterId() + ": normalized power, current, voltage", "normalized (0-1)", r.options().zone())
                .yRange(0, 1)
                .line(new LineChart.Line("active power", ts, p, "#1f77b4"))
                .line(new LineChart.Line("current", ts, i, "#ff7f0e"))
                .line(new LineChart.Line("voltage", ts, v, "#2ca02c"))
                .render(WIDTH / 2 - 6, 300);
    }
}
