package io.amsgrid.analysis.csv;

import io.amsgrid.codec.meter.Measurement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the amsgrid CSV tree (issue 4's contract): {@code csv/<thing>/<kind>/<yyyy-mm-dd>.csv}.
 * Columns are found by header name, so a single-phase file (L1 columns only) or a file with columns
 * in another order reads the same; an empty cell is an absent value. Bad files and rows are
 * counted by {@link CsvProblem} and skipped; the good rows of a file are still used.
 */
public final class AmsCsvReader {

    private static final Logger LOG = LoggerFactory.getLogger(AmsCsvReader.class);
    private static final int MAX_MESSAGES = 50;

    private final Map<CsvProblem, Integer> problems = new EnumMap<>(CsvProblem.class);
    private final List<String> messages = new ArrayList<>();

    private AmsCsvReader() {
    }

    /**
     * Reads every meter's {@code avg} files with a date in {@code [from, to]} (either may be null:
     * open) under {@code dir}, which is the directory holding {@code csv/} or the {@code csv}
     * directory itself.
     *
     * @throws IllegalArgumentException when {@code dir} holds no meter directories
     */
    public static CsvLoad read(Path dir, LocalDate from, LocalDate to) {
        return new AmsCsvReader().readAll(csvRoot(dir), from, to);
    }

    /** Resolves {@code DIR} or {@code DIR/csv}; throws with a message a user can act on. */
    public static Path csvRoot(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such directory: " + dir);
        }
        Path nested = dir.resolve("csv");
        if (Files.isDirectory(nested)) {
            return nested;
        }
        try (Stream<Path> things = Files.list(dir)) {
            if (things.anyMatch(t -> Files.isDirectory(t.resolve("avg")))) {
                return dir;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no amsgrid CSV under " + dir
                + " (expected csv/<thing>/avg/<yyyy-mm-dd>.csv or <thing>/avg/<yyyy-mm-dd>.csv)");
    }

    private CsvLoad readAll(Path root, LocalDate from, LocalDate to) {
        List<MeterSeries> meters = new ArrayList<>();
        Map<String, Integer> powerFails = new TreeMap<>();
        List<Path> things;
        try (Stream<Path> s = Files.list(root)) {
            things = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path thing : things) {
            String meterId = thing.getFileName().toString();
            MeterSeriesBuilder builder = new MeterSeriesBuilder(meterId);
            for (Path file : dailyFiles(thing.resolve("avg"), from, to)) {
                readAvgFile(file, builder);
            }
            if (!builder.isEmpty()) {
                meters.add(builder.build());
            }
            int pf = 0;
            for (Path file : dailyFiles(thing.resolve("pf"), from, to)) {
                pf += countDataRows(file);
            }
            if (pf > 0) {
                powerFails.put(meterId, pf);
            }
        }
        return new CsvLoad(meters, problems, messages, powerFails);
    }

    private List<Path> dailyFiles(Path kindDir, LocalDate from, LocalDate to) {
        if (!Files.isDirectory(kindDir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(kindDir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                Optional<LocalDate> date = dateOf(f);
                if (date.isEmpty()) {
                    problem(CsvProblem.BAD_FILE_NAME, f, 0, "not <yyyy-mm-dd>.csv; skipped");
                } else if ((from == null || !date.get().isBefore(from)) && (to == null || !date.get().isAfter(to))) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            problem(CsvProblem.UNREADABLE_FILE, kindDir, 0, e.getMessage());
        }
        return out;
    }

    private static Optional<LocalDate> dateOf(Path f) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".csv")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.substring(0, name.length() - 4)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private int countDataRows(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) Math.max(0, lines.filter(l -> !l.isBlank()).count() - 1);
        } catch (IOException | UncheckedIOException e) {
            problem(CsvProblem.UNREADABLE_FILE, file, 0, e.getMessage());
            return 0;
        }
    }

    private void readAvgFile(Path file, MeterSeriesBuilder builder) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problem(CsvProblem.UNREADABLE_FILE, file, 0, e.getMessage());
            return;
        }
        if (lines.isEmpty()) {
            problem(CsvProblem.NO_TIMESTAMP_COLUMN, file, 1, "empty file");
            return;
        }
        String[] header = lines.get(0).trim().split(",", -1);
        int timestampCol = -1;
        int samplesCol = -1;
        Measurement[] colMeasurement = new Measurement[header.length];
        int[] colStat = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            String h = header[c].trim();
            colStat[c] = -1;
            if (h.equals("timestamp")) {
                timestampCol = c;
            } else if (h.equals("samples")) {
                samplesCol = c;
            } else {
                int us = h.lastIndexOf('_');
                int stat = us < 0 ? -1 : switch (h.substring(us + 1)) {
                    case "avg" -> 0;
                    case "min" -> 1;
                    case "max" -> 2;
                    default -> -1;
                };
                Measurement m = stat < 0 ? null : measurementOf(h.substring(0, us));
                if (m == null || !m.isInstantaneous()) {
                    problem(CsvProblem.UNKNOWN_COLUMN, file, 1, "column '" + h + "' ignored");
                } else {
                    colMeasurement[c] = m;
                    colStat[c] = stat;
                    builder.addColumn(m);
                }
            }
        }
        if (timestampCol < 0) {
            problem(CsvProblem.NO_TIMESTAMP_COLUMN, file, 1, "header has no 'timestamp' column; file skipped");
            return;
        }
        for (int li = 1; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                problem(CsvProblem.WRONG_CELL_COUNT, file, li + 1,
                        cells.length + " cells, header has " + header.length + "; row skipped");
                continue;
            }
            try {
                long ts = Long.parseLong(cells[timestampCol].trim());
                double[] row = MeterSeriesBuilder.emptyRow();
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].trim();
                    if (colMeasurement[c] != null && !cell.isEmpty()) {
                        MeterSeriesBuilder.set(row, colMeasurement[c], colStat[c], Double.parseDouble(cell));
                    }
                }
                int samples = samplesCol < 0 || cells[samplesCol].isBlank() ? 0 : Integer.parseInt(cells[samplesCol].trim());
                if (!builder.add(ts, row, samples)) {
                    problem(CsvProblem.DUPLICATE_TIMESTAMP, file, li + 1, "timestamp " + ts + " seen before; row skipped");
                }
            } catch (NumberFormatException e) {
                problem(CsvProblem.BAD_NUMBER, file, li + 1, "not a number (" + e.getMessage() + "); row skipped");
            }
        }
    }

    private static Measurement measurementOf(String name) {
        try {
            return Measurement.ofFieldName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void problem(CsvProblem p, Path file, int line, String message) {
        problems.merge(p, 1, Integer::sum);
        String text = p + " " + file + (line > 0 ? ":" + line : "") + ": " + message;
        if (messages.size() < MAX_MESSAGES) {
            messages.add(text);
        }
        LOG.debug(text);
    }
}
