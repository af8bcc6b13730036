package io.amsgrid.analysis.csv;

import java.util.List;
import java.util.Map;

/**
 * What was read from a CSV tree: the meters' series, how many problems of each kind were met, the
 * first few problem messages (file and line, for a user to act on), and power-fail rows per meter.
 */
public record CsvLoad(List<MeterSeries> meters, Map<CsvProblem, Integer> problems,
                      List<String> problemMessages, Map<String, Integer> powerFailEvents) {

    public CsvLoad {
        meters = List.copyOf(meters);
        problems = Map.copyOf(problems);
        problemMessages = List.copyOf(problemMessages);
        powerFailEvents = Map.copyOf(powerFailEvents);
    }

    public int problemCount() {
        return problems.values().stream().mapToInt(Integer::intValue).sum();
    }
}
