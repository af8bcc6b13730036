package io.amsgrid.analysis.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes CloudWatch Embedded Metric Format lines (one JSON object per line on the function's
 * standard output, which Lambda ships to CloudWatch Logs, where the metrics are extracted):
 * {@code {"_aws":{"Timestamp":..,"CloudWatchMetrics":[{"Namespace":..,"Dimensions":[[..]],
 * "Metrics":[{"Name":..,"Unit":"Count"}]}]}, "<dimension>": "..", "<metric>": n}}.
 */
public final class EmfMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final PrintStream out;

    public EmfMetrics(String namespace, PrintStream out) {
        this.namespace = namespace;
        this.out = out;
    }

    /** One line: the given metrics (name to value) under the given dimensions (name to value). */
    public void put(long timestampMs, Map<String, String> dimensions, Map<String, Number> metrics, String unit) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
        directive.put("Metrics", metrics.keySet().stream().map(n -> Map.of("Name", n, "Unit", unit)).toList());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("_aws", Map.of("Timestamp", timestampMs, "CloudWatchMetrics", List.of(directive)));
        root.putAll(dimensions);
        root.putAll(metrics);
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize metrics", e);
        }
    }
}
