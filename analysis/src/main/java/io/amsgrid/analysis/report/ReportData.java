package io.amsgrid.analysis.report;

import io.amsgrid.analysis.AnalysisResult;
import io.amsgrid.analysis.csv.MeterSeries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Choices the report makes from the result: which day to draw, the groups of meters drawn together. */
final class ReportData {

    private ReportData() {
    }

    /** The local day with the most rows over all meters (the fullest day to show). */
    static LocalDate fullestDay(AnalysisResult result) {
        Map<LocalDate, Integer> rows = new TreeMap<>();
        for (MeterSeries m : result.meters()) {
            for (long t : m.timestampS()) {
                rows.merge(Instant.ofEpochSecond(t).atZone(result.options().zone()).toLocalDate(), 1, Integer::sum);
            }
        }
        return rows.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    }

    /** Meters grouped by recorded transformer (with a topology) or by correlation cluster. */
    static Map<String, List<String>> groups(AnalysisResult result) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> present = result.meters().stream().map(MeterSeries::meterId).toList();
        if (result.topology() != null) {
            result.topology().transformers().forEach((t, ids) -> {
                List<String> have = ids.stream().filter(present::contains).toList();
                if (!have.isEmpty()) {
                    out.put("Transformer " + t, have);
                }
            });
            List<String> rest = new ArrayList<>(present);
            out.values().forEach(rest::removeAll);
            if (!rest.isEmpty()) {
                out.put("Not in the topology", rest);
            }
        } else {
            int i = 1;
            for (List<String> c : result.clusters()) {
                out.put("Cluster " + i++, c);
            }
        }
        return out;
    }

    /** Indices [from, to) of a meter's rows within a local day. */
    static int[] dayRange(MeterSeries m, LocalDate day, java.time.ZoneId zone) {
        long start = day.atStartOfDay(zone).toEpochSecond();
        long end = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        int from = m.indexOf(start);
        from = from < 0 ? -from - 1 : from;
        int to = m.indexOf(end);
        to = to < 0 ? -to - 1 : to;
        return new int[]{from, to};
    }

    static long[] slice(long[] a, int[] range) {
        return java.util.Arrays.copyOfRange(a, range[0], range[1]);
    }

    static double[] slice(double[] a, int[] range) {
        return java.util.Arrays.copyOfRange(a, range[0], range[1]);
    }
}
