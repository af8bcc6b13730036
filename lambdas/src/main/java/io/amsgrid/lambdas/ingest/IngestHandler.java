package io.amsgrid.lambdas.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.List;
import java.util.Map;

/**
 * The IoT rule action for {@code avg/+}, {@code hr/+}, {@code pf/+} and {@code raw/+} (rule SQL:
 * {@link io.amsgrid.rules.IngestRules#sql(String)}): one event per invocation.
 *
 * <p>Returns the outcome ({@code status} STORED, DUPLICATE or REJECTED, with {@code reason} and
 * {@code deadLetterKey} when rejected). Bad input is not an error of the invocation; DynamoDB and S3
 * failures are, so Lambda retries the event (twice for the asynchronous IoT invocation).
 */
public final class IngestHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** JMESPath of the correlation id in the logs: topic and receive time identify one message. */
    static final String CORRELATION_ID_PATH = "join('@', [topic, to_string(receivedAtMs)])";

    private final IngestProcessor processor;
    private final IngestMetrics metrics;

    /** Lambda's constructor: settings from the environment, clients built once per container. */
    public IngestHandler() {
        this(Container.processor(), new IngestMetrics());
    }

    /** For tests and the local rules engine. */
    public IngestHandler(IngestProcessor processor, IngestMetrics metrics) {
        this.processor = processor;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, CORRELATION_ID_PATH, event, () -> {
            IngestOutcome outcome = processor.process(event);
            metrics.publish(List.of(outcome));
            return outcome.toMap();
        });
    }

    /** What one container builds once (static, so SnapStart snapshots it after init). */
    static final class Container {
        private static IngestProcessor processor;

        private Container() {
        }

        static synchronized IngestProcessor processor() {
            if (processor == null) {
                LambdaSettings settings = LambdaSettings.fromEnvironment();
                processor = IngestProcessor.create(settings, AwsClients.create(settings), new CodecRawFrameDecoder());
            }
            return processor;
        }
    }
}
