package io.amsgrid.analysis;

import io.amsgrid.analysis.csv.MeterSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * A meter's data coverage over the analysed period: windows present against windows expected, and
 * the gaps (runs of missing windows), as the thesis's meter 2 had with its weak Wi-Fi.
 */
public record Coverage(String meterId, boolean threePhase, int windows, int expectedWindows, List<Gap> gaps,
                       int powerFailEvents) {

    /** Missing windows from {@code startS}, {@code minutes} long. */
    public record Gap(long startS, long minutes) {
    }

    public double percent() {
        return expectedWindows == 0 ? 0 : 100.0 * windows / expectedWindows;
    }

    public long missingMinutes(long intervalS) {
        return (long) (expectedWindows - windows) * intervalS / 60;
    }

    static Coverage of(MeterSeries m, long periodStartS, long periodEndS, long intervalS, int powerFails) {
        List<Gap> gaps = new ArrayList<>();
        long expectNext = periodStartS;
        for (long t : m.timestampS()) {
            if (t > expectNext) {
                gaps.add(new Gap(expectNext, (t - expectNext) / 60));
            }
            expectNext = t + intervalS;
        }
        if (periodEndS + intervalS > expectNext) {
            gaps.add(new Gap(expectNext, (periodEndS + intervalS - expectNext) / 60));
        }
        int expected = (int) ((periodEndS - periodStartS) / intervalS + 1);
        return new Coverage(m.meterId(), m.isThreePhase(), m.size(), expected, gaps, powerFails);
    }

    /** The most common step between consecutive windows over all meters (60 s when unknown). */
    static long intervalS(List<MeterSeries> meters) {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        for (MeterSeries m : meters) {
            long[] ts = m.timestampS();
            for (int i = 1; i < ts.length; i++) {
                counts.merge(ts[i] - ts[i - 1], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey).orElse(60L);
    }
}
