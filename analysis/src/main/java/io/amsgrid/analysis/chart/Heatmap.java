package io.amsgrid.analysis.chart;

import java.util.List;
import java.util.Locale;

/** A correlation matrix as coloured cells (blue = -1, white = 0, red = +1), r printed when cells are big enough. */
public final class Heatmap {

    private Heatmap() {
    }

    public static String render(String title, List<String> names, double[][] r, List<Integer> groupStarts) {
        int k = names.size();
        int cell = Math.max(12, Math.min(40, 720 / Math.max(1, k)));
        int left = 80;
        int top = 90;
        int width = left + k * cell + 20;
        int height = top + k * cell + 20;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"10\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">").append(Svg.escape(title)).append("</text>");
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = r[i][j];
                svg.append("<rect x=\"").append(left + j * cell).append("\" y=\"").append(top + i * cell)
                        .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                        .append(colour(v)).append("\"><title>").append(Svg.escape(names.get(i))).append(" / ")
                        .append(Svg.escape(names.get(j))).append(": r=")
                        .append(Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v)).append("</title></rect>");
                if (cell >= 30 && !Double.isNaN(v)) {
                    svg.append("<text x=\"").append(left + j * cell + cell / 2).append("\" y=\"")
                            .append(top + i * cell + cell / 2 + 4).append("\" text-anchor=\"middle\" fill=\"")
                            .append(Math.abs(v) > 0.6 ? "#fff" : "#222").append("\">")
                            .append(String.format(Locale.ROOT, "%.2f", v)).append("</text>");
                }
            }
            svg.append("<text x=\"").append(left - 4).append("\" y=\"").append(top + i * cell + cell / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(Svg.escape(names.get(i))).append("</text>");
            svg.append("<text transform=\"translate(").append(left + i * cell + cell / 2 + 4).append(',').append(top - 4)
                    .append(") rotate(-60)\">").append(Svg.escape(names.get(i))).append("</text>");
        }
        for (int g : groupStarts) {
            if (g > 0) {
                svg.append("<line x1=\"").append(left + g * cell).append("\" x2=\"").append(left + g * cell)
                        .append("\" y1=\"").append(top).append("\" y2=\"").append(top + k * cell)
                        .append("\" stroke=\"#000\" stroke-width=\"1.5\"/>");
                svg.append("<line y1=\"").append(top + g * cell).append("\" y2=\"").append(top + g * cell)
                        .append("\" x1=\"").append(left).append("\" x2=\"").append(left + k * cell)
                        .append("\" stroke=\"#000\" stroke-width=\"1.5\"/>");
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** Diverging colour for r in -1..1. */
    static String colour(double v) {
        if (Double.isNaN(v)) {
            return "#dddddd";
        }
        double t = Math.max(-1, Math.min(1, v));
        int r;
        int g;
        int b;
        if (t >= 0) {
            r = 255;
            g = (int) Math.round(255 - 200 * t);
            b = (int) Math.round(255 - 220 * t);
        } else {
            r = (int) Math.round(255 + 220 * t);
            g = (int) Math.round(255 + 150 * t);
            b = 255;
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
