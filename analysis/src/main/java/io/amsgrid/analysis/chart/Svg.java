package io.amsgrid.analysis.chart;

import java.util.Locale;

/** Small helpers for writing SVG text: escaping, number formatting, the colour palette. */
public final class Svg {

    /** Twenty colours that stay apart from each other on screen and in print. */
    public static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#0b3d91", "#f4a582", "#1b7837", "#fdb863", "#542788",
            "#c51b7d", "#80cdc1", "#35978f", "#b2182b", "#4d4d4d"};

    private Svg() {
    }

    public static String colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One decimal, locale-independent (coordinates). */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A tick label with as few digits as the step needs. */
    public static String tick(double v, double step) {
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A "nice" step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks over the range. */
    public static double niceStep(double range, int ticks) {
        if (range <= 0 || Double.isNaN(range)) {
            return 1;
        }
        double raw = range / ticks;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }
}
