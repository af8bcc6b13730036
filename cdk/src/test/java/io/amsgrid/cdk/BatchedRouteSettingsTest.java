package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.amsgrid.rules.BatchedRoute;
import io.amsgrid.rules.IngestRoute;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The local run reproduces the batched route from {@link BatchedRoute} and {@link IngestRoute}
 * (iot-rules): the deployed route values and queue settings must be those.
 */
class BatchedRouteSettingsTest {

    @Test
    void route_contextValues_sameAsTheLocalRunsRouteOption() {
        assertThat(Arrays.stream(Route.values()).map(Route::contextValue))
                .containsExactlyElementsOf(Arrays.stream(IngestRoute.values()).map(IngestRoute::value).toList());
    }

    @Test
    void eventSourceMapping_batchedRoute_usesTheSharedBatchSizeWindowAndReceiveCount() {
        Template batched = Synthesized.of(Synthesized.BASIC_BATCHED).template();
        Map<String, Object> mapping = Cfn.props(Cfn.one(batched, "AWS::Lambda::EventSourceMapping", "").getValue());
        assertThat(mapping).containsEntry("BatchSize", BatchedRoute.BATCH_SIZE)
                .containsEntry("MaximumBatchingWindowInSeconds", BatchedRoute.MAX_BATCHING_WINDOW_SECONDS);
        assertThat(Cfn.resources(batched, "AWS::SQS::Queue").values()).anySatisfy(q ->
                assertThat(Cfn.map(Cfn.props(q).get("RedrivePolicy")))
                        .containsEntry("maxReceiveCount", BatchedRoute.MAX_RECEIVE_COUNT));
    }
}
