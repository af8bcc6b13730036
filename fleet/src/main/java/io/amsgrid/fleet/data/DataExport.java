package io.amsgrid.fleet.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.lambdas.config.AwsClients;
import io.amsgrid.lambdas.config.LambdaSettings;
import io.amsgrid.lambdas.export.ExportHandler;
import io.amsgrid.local.rules.LocalLambdaContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code data export}: asks the export handler for a date range, one meter or all, one kind or all.
 * On AWS by a synchronous Lambda Invoke of the deployed export function; locally by running the
 * same {@link ExportHandler} class in this process against the stand-ins (dynalite, S3 stand-in).
 * The request is the handler's on-demand event {@code {"thing"?, "kind"?, "from", "to"}}.
 */
public final class DataExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataExport() {
    }

    public static Map<String, Object> event(String meter, String kind, LocalDate from, LocalDate to) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (meter != null) {
            e.put("thing", meter);
        }
        if (kind != null) {
            e.put("kind", kind);
        }
        e.put("from", from.toString());
        e.put("to", to.toString());
        return e;
    }

    /** Runs the handler class in process. */
    public static Map<String, Object> local(LambdaSettings settings, String accessKey, String secretKey,
                                            Map<String, Object> event) {
        var credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey, secretKey));
        Map<String, Object> r = new ExportHandler(settings, AwsClients.create(settings, credentials))
                .handleRequest(event, new LocalLambdaContext("amsgrid-export", 900, 1024));
        return checked(r);
    }

    /** Invokes the deployed function (RequestResponse). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> aws(LambdaClient lambda, String functionName, Map<String, Object> event) {
        try {
            byte[] payload = JSON.writeValueAsBytes(event);
            var r = lambda.invoke(b -> b.functionName(functionName).payload(SdkBytes.fromByteArray(payload)));
            JsonNode body = JSON.readTree(r.payload().asByteArray());
            if (r.functionError() != null) {
                throw new FleetException(FleetError.SERVICE, "export function failed: "
                        + body.path("errorMessage").asText(r.functionError()));
            }
            return checked(JSON.convertValue(body, Map.class));
        } catch (IOException e) {
            throw new FleetException(FleetError.SERVICE, "export function answer is not JSON");
        } catch (SdkException e) {
            throw new FleetException(FleetError.SERVICE, "invoke " + functionName + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> checked(Map<String, Object> r) {
        if ("REJECTED".equals(r.get("status"))) {
            throw new FleetException(FleetError.BAD_INPUT, "export request rejected: " + r.get("message"));
        }
        return r;
    }
}
