package io.amsgrid.analysis.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series line chart as SVG: several series, optional min/max bands, horizontal reference
 * lines (thresholds), a local-time axis (hours for a day, dates for longer), a legend. Series
 * longer than the plot's width are averaged into buckets (bands keep their extremes) so files stay
 * small. NaN breaks a line (a gap in the data shows as a gap).
 */
public final class LineChart {

    /** A line: x in UNIX seconds, y in the chart's unit. */
    public record Line(String name, long[] xS, double[] y, String colour) {
    }

    /** A shaded band between lo and hi (e.g. a window's min and max). */
    public record Band(String name, long[] xS, double[] lo, double[] hi, String colour) {
    }

    /** A horizontal reference line. */
    public record Rule(String name, double y, String colour) {
    }

    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 62;

    private final String title;
    private final String yLabel;
    private final ZoneId zone;
    private final List<Line> lines = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private Double yMin;
    private Double yMax;

    public LineChart(String title, String yLabel, ZoneId zone) {
        this.title = title;
        this.yLabel = yLabel;
        this.zone = zone;
    }

    public LineChart line(Line l) {
        lines.add(l);
        return this;
    }

    public LineChart band(Band b) {
        bands.add(b);
        return this;
    }

    public LineChart rule(Rule r) {
        rules.add(r);
        return this;
    }

    /** Fixes the y range (e.g. 0..1 for normalized data). */
    public LineChart yRange(double lo, double hi) {
        yMin = lo;
        yMax = hi;
        return this;
    }

    /** Renders at {@code width} x {@code height} plus one 16 px row for every extra legend row. */
    public String render(int width, int plotHeight) {
        int rows = legendRows(width);
        int height = plotHeight + (rows - 1) * 16;
        return render(width, height, rows);
    }

    private List<String[]> legendItems() {
        List<String[]> items = new ArrayList<>();
        lines.forEach(l -> items.add(new String[]{l.name(), l.colour(), "line"}));
        bands.forEach(b -> items.add(new String[]{b.name(), b.colour(), "band"}));
        return items;
    }

    private int legendRows(int width) {
        int rows = 1;
        double x = LEFT;
        for (String[] it : legendItems()) {
            double w = 26 + it[0].length() * 6.2;
            if (x + w > width - RIGHT) {
                rows++;
                x = LEFT;
            }
            x += w;
        }
        return rows;
    }

    private String render(int width, int height, int legendRows) {
        long x0 = Long.MAX_VALUE;
        long x1 = Long.MIN_VALUE;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.xS().length; i++) {
                x0 = Math.min(x0, l.xS()[i]);
                x1 = Math.max(x1, l.xS()[i]);
                if (!Double.isNaN(l.y()[i])) {
                    lo = Math.min(lo, l.y()[i]);
                    hi = Math.max(hi, l.y()[i]);
                }
            }
        }
        for (Band b : bands) {
            for (int i = 0; i < b.xS().length; i++) {
                x0 = Math.min(x0, b.xS()[i]);
                x1 = Math.max(x1, b.xS()[i]);
                if (!Double.isNaN(b.lo()[i])) {
                    lo = Math.min(lo, b.lo()[i]);
                }
                if (!Double.isNaN(b.hi()[i])) {
                    hi = Math.max(hi, b.hi()[i]);
                }
            }
        }
        for (Rule r : rules) {
            lo = Math.min(lo, r.y());
            hi = Math.max(hi, r.y());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(Svg.escape(title)).append("</text>");
        if (x0 > x1 || lo > hi) {
            svg.append("<text x=\"").append(width / 2).append("\" y=\"").append(height / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#888\">no data</text></svg>");
            return svg.toString();
        }
        if (yMin != null) {
            lo = yMin;
            hi = yMax;
        } else {
            double pad = (hi - lo) * 0.05 + 1e-9;
            lo -= pad;
            hi += pad;
        }
        if (x1 == x0) {
            x1 = x0 + 60;
        }
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM - (legendRows - 1) * 16;
        Scale sx = new Scale(x0, x1, LEFT, LEFT + plotW);
        Scale sy = new Scale(lo, hi, TOP + plotH, TOP);
        axes(svg, sx, sy, x0, x1, lo, hi, plotW, plotH);
        int points = Math.max(lines.stream().mapToInt(l -> l.xS().length).max().orElse(0),
                bands.stream().mapToInt(b -> b.xS().length).max().orElse(0));
        int buckets = Math.max(2, Math.min((int) plotW, points));
        for (Band b : bands) {
            svg.append(bandPath(b, sx, sy, x0, x1, buckets));
        }
        for (Line l : lines) {
            svg.append(linePath(l, sx, sy, x0, x1, buckets));
        }
        for (Rule r : rules) {
            double y = sy.map(r.y());
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Svg.num(LEFT + plotW)).append("\" y1=\"")
                    .append(Svg.num(y)).append("\" y2=\"").append(Svg.num(y)).append("\" stroke=\"").append(r.colour())
                    .append("\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>");
            svg.append("<text x=\"").append(Svg.num(LEFT + plotW - 4)).append("\" y=\"").append(Svg.num(y - 4))
                    .append("\" text-anchor=\"end\" fill=\"").append(r.colour()).append("\">")
                    .append(Svg.escape(r.name())).append("</text>");
        }
        legend(svg, width, height, legendRows);
        svg.append("</svg>");
        return svg.toString();
    }

    private void axes(StringBuilder svg, Scale sx, Scale sy, long x0, long x1, double lo, double hi, double plotW,
                      double plotH) {
        double step = Svg.niceStep(hi - lo, 6);
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
            double y = sy.map(v);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(Svg.num(LEFT + plotW)).append("\" y1=\"")
                    .append(Svg.num(y)).append("\" y2=\"").append(Svg.num(y)).append("\" stroke=\"#e6e6e6\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"#444\">").append(Svg.tick(v, step)).append("</text>");
        }
        long span = x1 - x0;
        long tickS = span <= 36 * 3600 ? 3 * 3600 : span <= 4 * 86400 ? 12 * 3600 : 86400;
        DateTimeFormatter fmt = tickS < 86400 ? DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
                : DateTimeFormatter.ofPattern("EEE dd.MM", Locale.ENGLISH);
        ZonedDateTime t = Instant.ofEpochSecond(x0).atZone(zone).toLocalDate().atStartOfDay(zone);
        while (t.toEpochSecond() <= x1) {
            long ts = t.toEpochSecond();
            if (ts >= x0) {
                double x = sx.map(ts);
                boolean midnight = t.getHour() == 0;
                svg.append("<line x1=\"").append(Svg.num(x)).append("\" x2=\"").append(Svg.num(x)).append("\" y1=\"")
                        .append(TOP).append("\" y2=\"").append(Svg.num(TOP + plotH)).append("\" stroke=\"")
                        .append(midnight ? "#cfcfcf" : "#eeeeee").append("\"/>");
                String label = tickS < 86400 && midnight && span > 86400 ? t.format(DateTimeFormatter.ofPattern("dd.MM HH:mm"))
                        : t.format(fmt);
                svg.append("<text x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(TOP + plotH + 15))
                        .append("\" text-anchor=\"middle\" fill=\"#444\">").append(label).append("</text>");
            }
            t = t.plusSeconds(tickS);
        }
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(Svg.num(plotW))
                .append("\" height=\"").append(Svg.num(plotH)).append("\" fill=\"none\" stroke=\"#888\"/>");
        svg.append("<text transform=\"translate(14,").append(Svg.num(TOP + plotH / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#444\">").append(Svg.escape(yLabel)).append("</text>");
    }

    private void legend(StringBuilder svg, int width, int height, int rows) {
        double x = LEFT;
        double y = height - 14 - (rows - 1) * 16;
        for (String[] it : legendItems()) {
            double w = 26 + it[0].length() * 6.2;
            if (x + w > width - RIGHT) {
                x = LEFT;
                y += 16;
            }
            if (it[2].equals("line")) {
                svg.append("<line x1=\"").append(Svg.num(x)).append("\" x2=\"").append(Svg.num(x + 18)).append("\" y1=\"")
                        .append(Svg.num(y - 4)).append("\" y2=\"").append(Svg.num(y - 4)).append("\" stroke=\"")
                        .append(it[1]).append("\" stroke-width=\"2.5\"/>");
            } else {
                svg.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y - 9))
                        .append("\" width=\"18\" height=\"10\" fill=\"").append(it[1]).append("\" fill-opacity=\"0.25\"/>");
            }
            svg.append("<text x=\"").append(Svg.num(x + 22)).append("\" y=\"").append(Svg.num(y)).append("\">")
                    .append(Svg.escape(it[0])).append("</text>");
            x += w;
        }
    }

    private static String linePath(Line l, Scale sx, Scale sy, long x0, long x1, int buckets) {
        double[][] b = bucket(l.xS(), l.y(), null, x0, x1, buckets);
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < buckets; i++) {
            if (Double.isNaN(b[0][i])) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(Svg.num(sx.map(b[3][i]))).append(',').append(Svg.num(sy.map(b[0][i])));
            pen = true;
        }
        return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + l.colour()
                + "\" stroke-width=\"1.6\" stroke-linejoin=\"round\"><title>" + Svg.escape(l.name()) + "</title></path>";
    }

    private static String bandPath(Band band, Scale sx, Scale sy, long x0, long x1, int buckets) {
        double[][] b = bucket(band.xS(), band.lo(), band.hi(), x0, x1, buckets);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < buckets) {
            while (i < buckets && Double.isNaN(b[1][i])) {
                i++;
            }
            int start = i;
            while (i < buckets && !Double.isNaN(b[1][i])) {
                i++;
            }
            if (i - start < 1) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (int k = start; k < i; k++) {
                d.append(k == start ? 'M' : 'L').append(Svg.num(sx.map(b[3][k]))).append(',').append(Svg.num(sy.map(b[2][k])));
            }
            for (int k = i - 1; k >= start; k--) {
                d.append('L').append(Svg.num(sx.map(b[3][k]))).append(',').append(Svg.num(sy.map(b[1][k])));
            }
            out.append("<path d=\"").append(d).append("Z\" fill=\"").append(band.colour())
                    .append("\" fill-opacity=\"0.22\" stroke=\"none\"/>");
        }
        return out.toString();
    }

    /** Per bucket: [0] mean of y, [1] min of lo, [2] max of hi, [3] mean x. */
    private static double[][] bucket(long[] xs, double[] y, double[] hiOrNull, long x0, long x1, int buckets) {
        double[][] out = new double[4][buckets];
        int[] n = new int[buckets];
        for (int k = 0; k < buckets; k++) {
            out[1][k] = Double.POSITIVE_INFINITY;
            out[2][k] = Double.NEGATIVE_INFINITY;
        }
        double width = (double) (x1 - x0) / buckets;
        for (int i = 0; i < xs.length; i++) {
            double lo = y[i];
            double hi = hiOrNull == null ? y[i] : hiOrNull[i];
            if (Double.isNaN(lo) || Double.isNaN(hi)) {
                continue;
            }
            int k = (int) Math.min(buckets - 1, Math.max(0, (xs[i] - x0) / width));
            out[0][k] += lo;
            out[1][k] = Math.min(out[1][k], lo);
            out[2][k] = Math.max(out[2][k], hi);
            out[3][k] += xs[i];
            n[k]++;
        }
        for (int k = 0; k < buckets; k++) {
            if (n[k] == 0) {
                out[0][k] = out[1][k] = out[2][k] = Double.NaN;
            } else {
                out[0][k] /= n[k];
                out[3][k] /= n[k];
            }
        }
        return out;
    }

    private record Scale(double d0, double d1, double r0, double r1) {
        double map(double v) {
            return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
        }
    }
}
