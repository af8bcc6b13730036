package io.amsgrid.analysis.chart;

/** A thin timeline bar per meter: green where windows are present, red where the data has gaps. */
public final class CoverageStrip {

    private CoverageStrip() {
    }

    public static String render(long periodStartS, long periodEndS, long[] presentS, long intervalS, int width) {
        int height = 14;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\"><rect width=\"").append(width).append("\" height=\"")
                .append(height).append("\" fill=\"#e45756\"/>");
        double span = Math.max(1, periodEndS + intervalS - periodStartS);
        int i = 0;
        while (i < presentS.length) {
            int j = i;
            while (j + 1 < presentS.length && presentS[j + 1] - presentS[j] <= intervalS) {
                j++;
            }
            double x0 = (presentS[i] - periodStartS) / span * width;
            double x1 = (presentS[j] + intervalS - periodStartS) / span * width;
            svg.append("<rect x=\"").append(Svg.num(x0)).append("\" width=\"").append(Svg.num(Math.max(0.5, x1 - x0)))
                    .append("\" height=\"").append(height).append("\" fill=\"#54a24b\"/>");
            i = j + 1;
        }
        return svg.append("</svg>").toString();
    }
}
