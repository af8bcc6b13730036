package io.amsgrid.lambdas.ingest;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Ingest counters as CloudWatch metrics in EMF (Powertools, functional API), namespace {@value #NAMESPACE}:
 * {@code IngestStored} and {@code IngestDuplicate} by {@code Kind}, {@code IngestRejected} by {@code Reason}.
 * One EMF line per metric and dimension value per invocation.
 */
public final class IngestMetrics {
    public static final String NAMESPACE = "amsgrid";

    private final Metrics metrics;
    private final Consumer<List<IngestOutcome>> observer;

    public IngestMetrics() {
        this(MetricsFactory.getMetricsInstance(), outcomes -> { });
    }

    /** As {@link #IngestMetrics()}; each invocation's outcomes also go to {@code observer} (the local run's counters). */
    public IngestMetrics(Consumer<List<IngestOutcome>> observer) {
        this(MetricsFactory.getMetricsInstance(), observer);
    }

    IngestMetrics(Metrics metrics) {
        this(metrics, outcomes -> { });
    }

    private IngestMetrics(Metrics metrics, Consumer<List<IngestOutcome>> observer) {
        this.metrics = metrics;
        this.observer = observer;
    }

    /** Publishes the counts of one invocation's outcomes. */
    public void publish(List<IngestOutcome> outcomes) {
        observer.accept(outcomes);
        Map<String, Long> counts = outcomes.stream().collect(Collectors.groupingBy(IngestMetrics::series,
                TreeMap::new, Collectors.counting()));
        counts.forEach((series, count) -> {
            String[] parts = series.split("\\|", 3);
            metrics.flushSingleMetric(parts[0], count, MetricUnit.COUNT, NAMESPACE, DimensionSet.of(parts[1], parts[2]));
        });
    }

    private static String series(IngestOutcome o) {
        return switch (o.status()) {
            case STORED -> "IngestStored|Kind|" + o.kind();
            case DUPLICATE -> "IngestDuplicate|Kind|" + o.kind();
            case REJECTED -> "IngestRejected|Reason|" + o.reason().name();
        };
    }
}
