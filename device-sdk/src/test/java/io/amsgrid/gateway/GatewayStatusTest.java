package io.amsgrid.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.gateway.iot.ConnectionState;
import io.amsgrid.gateway.json.Json;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayStatusTest {
    @Test
    void json_statusFileAndShadowFields_readBackByJackson() throws Exception {
        var s = new GatewayStatus(1520, 0.504, Map.of("HDLC:BAD_FCS", 2L), 3, Map.of(MessageKind.RAW, 4L),
                ConnectionState.CONNECTED, 31, Instant.parse("2026-11-25T10:31:46Z"), 5, 1);
        JsonNode n = new ObjectMapper().readTree(Json.write(s.json()));
        assertThat(n.properties()).extracting(Map.Entry::getKey).containsExactly("framesOk", "framesPerSecond", "rejects",
                "rejectsByReason", "outboxDepth", "outboxDropped", "connection", "published", "lastPublish",
                "intervalMinutes", "powerFailEvents");
        assertThat(n.get("framesOk").asLong()).isEqualTo(1520);
        assertThat(n.get("framesPerSecond").asDouble()).isEqualTo(0.5);
        assertThat(n.get("rejects").asLong()).isEqualTo(2);
        assertThat(n.at("/rejectsByReason/HDLC:BAD_FCS").asLong()).isEqualTo(2);
        assertThat(n.get("outboxDepth").asInt()).isEqualTo(3);
        assertThat(n.at("/outboxDropped/raw").asLong()).isEqualTo(4);
        assertThat(n.get("connection").asText()).isEqualTo("CONNECTED");
        assertThat(n.get("published").asLong()).isEqualTo(31);
        assertThat(n.get("lastPublish").asText()).isEqualTo("2026-11-25T10:31:46Z");
        assertThat(List.of(n.get("intervalMinutes").asInt(), n.get("powerFailEvents").asInt())).containsExactly(5, 1);
    }

    @Test
    void json_neverPublished_lastPublishNull() throws Exception {
        var s = new GatewayStatus(0, 0, Map.of(), 0, Map.of(), ConnectionState.CONNECTING, 0, null, 1, 0);
        assertThat(new ObjectMapper().readTree(Json.write(s.json())).get("lastPublish").isNull()).isTrue();
    }
}
