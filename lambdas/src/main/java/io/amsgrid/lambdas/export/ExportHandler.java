package io.amsgrid.lambdas.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.store.ReadingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the daily CSV files: from an EventBridge schedule (the previous local day, every meter,
 * every kind) or on demand ({@code {"thing": T?, "kind": K?, "from": "yyyy-mm-dd", "to": "yyyy-mm-dd"}}).
 * Returns {@code {"status": "OK", "files": n, "rows": n, "from":..., "to":...}}, or
 * {@code {"status": "REJECTED", "message": ...}} for a request it cannot read. DynamoDB and S3
 * failures are thrown (the schedule's retry runs the whole export again: it is idempotent).
 */
public final class ExportHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);

    private final DailyExporter exporter;
    private final ZoneId zone;

    public ExportHandler() {
        this(Container.settings(), Container.clients());
    }

    /** For tests and the local job. */
    public ExportHandler(LambdaSettings settings, AwsClients clients) {
        this.zone = settings.timeZone();
        this.exporter = new DailyExporter(new ReadingStore(clients.enhanced(), settings.tableName()),
                clients.s3(), settings.bucketName(), settings.timeZone());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Map<String, Object> response = new LinkedHashMap<>();
            ExportRequest request;
            try {
                request = ExportRequest.parse(event, zone);
            } catch (IllegalArgumentException e) {
                LOG.warn("export request rejected: {}", e.getMessage());
                response.put("status", "REJECTED");
                response.put("message", e.getMessage());
                return response;
            }
            DailyExporter.Summary summary = exporter.export(request);
            response.put("status", "OK");
            response.put("from", request.from().toString());
            response.put("to", request.to().toString());
            response.put("files", summary.keys().size());
            response.put("rows", summary.rows());
            return response;
        });
    }

    private static final class Container {
        private static LambdaSettings settings;
        private static AwsClients clients;

        static synchronized LambdaSettings settings() {
            if (settings == null) {
                settings = LambdaSettings.fromEnvironment();
            }
            return settings;
        }

        static synchronized AwsClients clients() {
            if (clients == null) {
                clients = AwsClients.create(settings());
            }
            return clients;
        }
    }
}
