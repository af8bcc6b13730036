package io.amsgrid.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestRouteTest {

    @Test
    void parse_contextValues_bothRoutes() {
        assertThat(IngestRoute.parse("direct")).isEqualTo(IngestRoute.DIRECT);
        assertThat(IngestRoute.parse(" Batched ")).isEqualTo(IngestRoute.BATCHED);
        assertThat(IngestRoute.BATCHED.value()).isEqualTo("batched");
    }

    @Test
    void parse_unknown_namesTheValues() {
        assertThatThrownBy(() -> IngestRoute.parse("sqs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route must be direct or batched, was 'sqs'");
    }
}
