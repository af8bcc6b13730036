package io.amsgrid.analysis.csv;

import io.amsgrid.codec.meter.Measurement;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Writes a {@link MeterSeries} as amsgrid {@code avg} CSV exactly as the export does (issue 4):
 * {@code <root>/<thing>/avg/<yyyy-mm-dd>.csv} per local date of the window start, header
 * {@code timestamp}, {@code <name>_avg,<name>_min,<name>_max} per column in Appendix A order,
 * {@code samples}; empty cell for an absent value.
 */
public final class AmsCsvWriter {

    private AmsCsvWriter() {
    }

    /** Writes the series under {@code csvRoot} (the {@code csv} directory), one file per local date. */
    public static void writeAvg(Path csvRoot, MeterSeries series, ZoneId zone) throws IOException {
        Path dir = csvRoot.resolve(series.meterId()).resolve("avg");
        Files.createDirectories(dir);
        String header = header(series);
        BufferedWriter out = null;
        LocalDate current = null;
        try {
            for (int i = 0; i < series.size(); i++) {
                long ts = series.timestampS()[i];
                LocalDate date = Instant.ofEpochSecond(ts).atZone(zone).toLocalDate();
                if (!date.equals(current)) {
                    if (out != null) {
                        out.close();
                    }
                    out = Files.newBufferedWriter(dir.resolve(date + ".csv"), StandardCharsets.UTF_8);
                    out.write(header);
                    out.write('\n');
                    current = date;
                }
                StringBuilder row = new StringBuilder(256).append(ts);
                for (Measurement m : ordered(series)) {
                    row.append(',').append(format(series.avg(m)[i]))
                            .append(',').append(format(series.min(m)[i]))
                            .append(',').append(format(series.max(m)[i]));
                }
                row.append(',').append(series.samples()[i]).append('\n');
                out.write(row.toString());
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    static String header(MeterSeries series) {
        StringBuilder h = new StringBuilder("timestamp");
        for (Measurement m : ordered(series)) {
            h.append(',').append(m.fieldName()).append("_avg")
                    .append(',').append(m.fieldName()).append("_min")
                    .append(',').append(m.fieldName()).append("_max");
        }
        return h.append(",samples").toString();
    }

    private static Iterable<Measurement> ordered(MeterSeries series) {
        return MeterSeries.THREE_PHASE.stream().filter(series.columns()::contains).toList();
    }

    /** Up to three decimals, no trailing zeros, empty for NaN. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double rounded = Math.round(v * 1000.0) / 1000.0;
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            return Long.toString((long) rounded);
        }
        String s = String.format(Locale.ROOT, "%.3f", rounded);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }
}
