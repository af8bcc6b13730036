package io.amsgrid.analysis.chart;

import java.util.List;
import java.util.Locale;

/**
 * The thesis's correlation plot (fig. 6.5, 6.8): for k variables, histograms on the diagonal and
 * scatter plots of each pair off it, with Pearson's r in each scatter cell. Values are expected
 * normalized to 0..1; the histogram's first bucket starts at 0 and the last includes 1.
 */
public final class ScatterMatrix {

    private static final int BINS = 20;
    private static final int MAX_POINTS = 1500;

    private ScatterMatrix() {
    }

    /**
     * @param names  variable names
     * @param values per variable, values 0..1 aligned by index, NaN = absent
     * @param r      r[i][j] to print in cell (i, j)
     */
    public static String render(String title, List<String> names, List<double[]> values, double[][] r, int cellPx) {
        int k = names.size();
        int left = 70;
        int top = 34;
        int size = left + k * cellPx + 10;
        int height = top + k * cellPx + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(size).append(' ')
                .append(height).append("\" width=\"").append(size).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"").append(left).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(Svg.escape(title)).append("</text>");
        int n = values.isEmpty() ? 0 : values.get(0).length;
        int stride = Math.max(1, n / MAX_POINTS);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double x0 = left + j * cellPx;
                double y0 = top + i * cellPx;
                double pad = 6;
                double w = cellPx - 2 * pad;
                svg.append("<rect x=\"").append(Svg.num(x0 + pad)).append("\" y=\"").append(Svg.num(y0 + pad))
                        .append("\" width=\"").append(Svg.num(w)).append("\" height=\"").append(Svg.num(w))
                        .append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>");
                if (i == j) {
                    histogram(svg, values.get(i), x0 + pad, y0 + pad, w, Svg.colour(i));
                } else {
                    StringBuilder dots = new StringBuilder();
                    double[] xs = values.get(j);
                    double[] ys = values.get(i);
                    for (int t = 0; t < n; t += stride) {
                        if (Double.isNaN(xs[t]) || Double.isNaN(ys[t])) {
                            continue;
                        }
                        dots.append('M').append(Svg.num(x0 + pad + xs[t] * w)).append(',')
                                .append(Svg.num(y0 + pad + (1 - ys[t]) * w)).append("h0.1");
                    }
                    svg.append("<path d=\"").append(dots).append("\" stroke=\"").append(Svg.colour(i))
                            .append("\" stroke-opacity=\"0.45\" stroke-width=\"2.2\" stroke-linecap=\"round\"/>");
                    svg.append("<text x=\"").append(Svg.num(x0 + pad + 4)).append("\" y=\"").append(Svg.num(y0 + pad + 13))
                            .append("\" font-weight=\"bold\" fill=\"#222\">r=")
                            .append(Double.isNaN(r[i][j]) ? "n/a" : String.format(Locale.ROOT, "%.2f", r[i][j]))
                            .append("</text>");
                }
            }
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(Svg.num(top + i * cellPx + cellPx / 2.0))
                    .append("\" text-anchor=\"end\">").append(Svg.escape(names.get(i))).append("</text>");
            svg.append("<text x=\"").append(Svg.num(left + i * cellPx + cellPx / 2.0)).append("\" y=\"")
                    .append(top + k * cellPx + 16).append("\" text-anchor=\"middle\">").append(Svg.escape(names.get(i)))
                    .append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void histogram(StringBuilder svg, double[] v, double x0, double y0, double w, String colour) {
        int[] counts = new int[BINS];
        int max = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                int b = (int) Math.min(BINS - 1, Math.max(0, Math.floor(x * BINS)));
                max = Math.max(max, ++counts[b]);
            }
        }
        double bw = w / BINS;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] == 0) {
                continue;
            }
            double h = (w - 4) * counts[b] / max;
            svg.append("<rect x=\"").append(Svg.num(x0 + b * bw + 0.5)).append("\" y=\"").append(Svg.num(y0 + w - h))
                    .append("\" width=\"").append(Svg.num(bw - 1)).append("\" height=\"").append(Svg.num(h))
                    .append("\" fill=\"").append(colour).append("\" fill-opacity=\"0.75\"/>");
        }
    }
}
