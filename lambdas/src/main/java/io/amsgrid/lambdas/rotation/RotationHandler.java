package io.amsgrid.lambdas.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The IoT rule action of {@code amsgrid/rotation/+/csr} (rule {@link io.amsgrid.rules.RotationRules}):
 * one CSR per invocation, see {@link RotationProcessor}. Returns the outcome; a refused request is
 * not an error of the invocation (it is answered to the device and counted), AWS failures are (so
 * Lambda retries the event). Metrics (namespace {@code amsgrid}): {@code RotationIssued},
 * {@code RotationRepeated}, {@code RotationInProgress}, {@code RotationRejected} by {@code Reason}.
 */
public final class RotationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String CORRELATION_ID_PATH = "join('@', [thingName, requestId])";
    private static final String NAMESPACE = "amsgrid";

    private final RotationProcessor processor;
    private final Consumer<RotationOutcome> metrics;

    /** Lambda's constructor: settings from the environment, clients built once per container. */
    public RotationHandler() {
        this(Container.processor(), RotationHandler::emf);
    }

    /** For tests and the local rules engine. */
    public RotationHandler(RotationProcessor processor, Consumer<RotationOutcome> metrics) {
        this.processor = processor;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, CORRELATION_ID_PATH, event, () -> {
            RotationOutcome outcome = processor.process(event);
            metrics.accept(outcome);
            return outcome.toMap();
        });
    }

    private static void emf(RotationOutcome o) {
        Metrics m = MetricsFactory.getMetricsInstance();
        switch (o.status()) {
            case ISSUED -> m.flushSingleMetric("RotationIssued", 1, MetricUnit.COUNT, NAMESPACE, DimensionSet.of(java.util.Map.of()));
            case REPEATED -> m.flushSingleMetric("RotationRepeated", 1, MetricUnit.COUNT, NAMESPACE, DimensionSet.of(java.util.Map.of()));
            case IN_PROGRESS -> m.flushSingleMetric("RotationInProgress", 1, MetricUnit.COUNT, NAMESPACE,
                    DimensionSet.of(java.util.Map.of()));
            case REJECTED -> m.flushSingleMetric("RotationRejected", 1, MetricUnit.COUNT, NAMESPACE,
                    DimensionSet.of("Reason", o.reason().name()));
        }
    }

    /** What one container builds once (static, so SnapStart snapshots it after init). */
    static final class Container {
        private static RotationProcessor processor;

        private Container() {
        }

        static synchronized RotationProcessor processor() {
            if (processor == null) {
                RotationSettings settings = RotationSettings.fromEnvironment(System.getenv());
                processor = new RotationProcessor(AwsRotationCloud.create(settings), settings.devicePolicy(),
                        Clock.systemUTC());
            }
            return processor;
        }
    }
}
