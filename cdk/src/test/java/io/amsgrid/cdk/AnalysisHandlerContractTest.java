package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.amsgrid.analysis.lambda.EmfMetrics;
import io.amsgrid.analysis.lambda.ReportJob;
import io.amsgrid.analysis.lambda.ScheduledAnalysisHandler;
import io.amsgrid.cdk.constructs.ScheduledAnalysis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The function the CDK app deploys against the analysis module's own code: the handler class, the
 * environment the template gives it, and the namespace and dimension of the metric the alarms watch.
 */
class AnalysisHandlerContractTest {

    @Test
    void handler_named_isTheAnalysisModulesRequestHandler() {
        assertThat(ScheduledAnalysis.HANDLER).isEqualTo(ScheduledAnalysisHandler.class.getName() + "::handleRequest");
        assertThat(RequestHandler.class).isAssignableFrom(ScheduledAnalysisHandler.class);
    }

    @Test
    void environment_ofTheTemplate_isReadByTheHandlersSettings() {
        io.amsgrid.analysis.lambda.AnalysisSettings s = settings(Synthesized.BASIC_BATCHED);
        assertThat(s.bucket()).isEqualTo("amsgrid-data");
        assertThat(s.csvPrefix()).isEqualTo("csv/");
        assertThat(s.reportPrefix()).isEqualTo("reports/");
        assertThat(s.topologyKey()).isEqualTo(Synthesized.TOPOLOGY_KEY);
        assertThat(s.days()).isEqualTo(ScheduledAnalysis.ANALYSIS_DAYS);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(s.metricsNamespace()).isEqualTo(ScheduledAnalysis.METRICS_NAMESPACE);
        assertThat(settings(Synthesized.DEFAULT).topologyKey()).isEmpty();
    }

    @Test
    void metrics_dayWithoutCsv_emitsMetersAnalysedZeroInTheNamespaceAndDimensionTheAlarmWatches() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var settings = settings(Synthesized.DEFAULT);
        ReportJob job = new ReportJob(settings, emptyBucket(),
                new EmfMetrics(settings.metricsNamespace(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertThat(job.run(LocalDate.of(2026, 11, 24)).status()).isEqualTo(ReportJob.Status.NO_DATA);
        String emf = out.toString(StandardCharsets.UTF_8);
        assertThat(emf).contains("\"Namespace\":\"amsgrid/analysis\"", "\"Dimensions\":[[\"Report\"]]",
                "\"Name\":\"MetersAnalysed\"", "\"Report\":\"daily\"", "\"MetersAnalysed\":0");
    }

    private static io.amsgrid.analysis.lambda.AnalysisSettings settings(Synthesized.Variant variant) {
        Map<String, String> env = new HashMap<>();
        ScheduledAnalysisTest.environment(Synthesized.of(variant).template())
                .forEach((k, v) -> env.put(k, v instanceof String s ? s : "amsgrid-data"));
        return io.amsgrid.analysis.lambda.AnalysisSettings.fromEnvironment(env);
    }

    /** An S3 client whose bucket lists no objects; any other call fails the test. */
    private static S3Client emptyBucket() {
        InvocationHandler h = (proxy, method, args) -> switch (method.getName()) {
            case "listObjectsV2" -> ListObjectsV2Response.builder().isTruncated(false).build();
            case "listObjectsV2Paginator", "serviceName" -> InvocationHandler.invokeDefault(proxy, method, args);
            case "close" -> null;
            default -> throw new AssertionError("unexpected S3 call " + method.getName());
        };
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, h);
    }
}
