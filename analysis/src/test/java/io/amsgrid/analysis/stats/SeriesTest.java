package io.amsgrid.analysis.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeriesTest {

    private static final long[] TS = {0, 60, 120, 180, 240, 600};

    @Test
    void trailingMean_spanOfThreeWindows_averagesTheLastThree() {
        double[] out = Series.trailingMean(TS, new double[]{1, 2, 3, 4, Double.NaN, 10}, 180);
        assertThat(out[0]).isEqualTo(1);
        assertThat(out[2]).isEqualTo(2);
        assertThat(out[3]).isEqualTo(3);
        assertThat(out[4]).isNaN();
        assertThat(out[5]).isEqualTo(10); // the gap before it leaves only itself in the span
    }

    @Test
    void normalize_minToZeroMaxToOne() {
        assertThat(Series.normalize(new double[]{230, 235, 240, Double.NaN})).containsExactly(0, 0.5, 1, Double.NaN);
    }

    @Test
    void detrend_linearTrend_leavesZeroInTheMiddle() {
        double[] out = Series.detrend(TS, new double[]{1, 2, 3, 4, 5, 6}, 120);
        assertThat(out[2]).isCloseTo(0, within(1e-12));
    }

    @Test
    void medianAndQuantile_ignoreNaN() {
        assertThat(Series.median(new double[]{3, Double.NaN, 1, 2})).isEqualTo(2);
        assertThat(Series.quantile(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.4)).isEqualTo(4);
    }

    @Test
    void averageLinkage_twoBlocks_twoClusters() {
        double[][] r = {
                {1, 0.9, 0.8, 0.1},
                {0.9, 1, 0.85, 0.0},
                {0.8, 0.85, 1, 0.05},
                {0.1, 0.0, 0.05, 1}};
        assertThat(Clustering.averageLinkage(r, 0.5)).isEqualTo(List.of(List.of(0, 1, 2), List.of(3)));
        assertThat(Clustering.averageLinkage(r, 0.99)).hasSize(1);
    }
}
