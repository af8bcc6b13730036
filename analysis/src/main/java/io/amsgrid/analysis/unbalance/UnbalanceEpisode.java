package io.amsgrid.analysis.unbalance;

/** A sustained-unbalance alarm: the factor stayed above the threshold from start to end. */
public record UnbalanceEpisode(long startS, long endS, double maxPercent, double meanPercent) {

    public long durationS() {
        return endS - startS;
    }

    /**
     * Runs of consecutive windows (no gap longer than {@code intervalS}) with the factor above
     * {@code thresholdPercent}, kept when they last at least {@code minDurationS}
     * (duration = last window start - first window start + interval).
     */
    public static java.util.List<UnbalanceEpisode> detect(long[] timestampS, double[] percent, double thresholdPercent,
                                                          long minDurationS, long intervalS) {
        java.util.List<UnbalanceEpisode> out = new java.util.ArrayList<>();
        int start = -1;
        double max = 0;
        double sum = 0;
        for (int i = 0; i <= percent.length; i++) {
            boolean above = i < percent.length && percent[i] > thresholdPercent
                    && (start < 0 || timestampS[i] - timestampS[i - 1] <= intervalS);
            if (above) {
                if (start < 0) {
                    start = i;
                    max = 0;
                    sum = 0;
                }
                max = Math.max(max, percent[i]);
                sum += percent[i];
                continue;
            }
            if (start >= 0) {
                long end = timestampS[i - 1] + intervalS;
                if (end - timestampS[start] >= minDurationS) {
                    out.add(new UnbalanceEpisode(timestampS[start], end, max, sum / (i - start)));
                }
                start = -1;
                // a gap ended the run but this window may itself start a new one
                if (i < percent.length && percent[i] > thresholdPercent) {
                    start = i;
                    max = percent[i];
                    sum = percent[i];
                }
            }
        }
        return out;
    }
}
