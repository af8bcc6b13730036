package io.amsgrid.gateway.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void parse_shadowDocument_typedValues() {
        Object doc = Json.parse(" {\"state\":{\"delta\":{\"sendIntervalMinutes\":5,\"x\":5.0,\"big\":1e3}},"
                + "\"version\":12,\"ok\":true,\"no\":null,\"list\":[1,\"a\\u00e9\\n\",-0.5]} ");
        assertThat(Json.at(doc, "state", "delta", "sendIntervalMinutes")).isEqualTo(5L);
        assertThat(Json.at(doc, "state", "delta", "x")).isEqualTo(5.0);
        assertThat(Json.at(doc, "state", "delta", "big")).isEqualTo(1000.0);
        assertThat(Json.at(doc, "ok")).isEqualTo(true);
        assertThat(Json.at(doc, "list")).isEqualTo(Arrays.asList(1L, "a\u00e9\n", -0.5));
        assertThat(Json.at(doc, "no")).isNull();
        assertThat(Json.at(doc, "state", "missing", "deeper")).isNull();
        assertThat(Json.at(doc, "version", "notAnObject")).isNull();
    }

    @Test
    void parse_badText_exceptionNamesTheOffset() {
        for (String bad : List.of("", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "01", "1.", "\"\\x\"", "tru", "{\"a\":1}x",
                "{\"a\":1,\"a\":2}", "\"a\tb\"", "-", "{a:1}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonException.class)
                    .hasMessageContaining("offset");
        }
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nested deeper");
    }

    @Test
    void write_nestedValues_readBackByJacksonAsTheSame() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctl \u0001 é");
        m.put("n", 42L);
        m.put("d", 0.25);
        m.put("tiny", 1.0E-5);
        m.put("nan", Double.NaN);
        m.put("b", false);
        m.put("null", null);
        m.put("list", List.of(1, "x", Map.of("k", 2)));
        String text = Json.write(m);
        var tree = new ObjectMapper().readTree(text);
        assertThat(tree.get("s").asText()).isEqualTo(m.get("s"));
        assertThat(tree.get("n").asLong()).isEqualTo(42);
        assertThat(tree.get("d").asDouble()).isEqualTo(0.25);
        assertThat(tree.get("tiny").asDouble()).isEqualTo(1.0E-5);
        assertThat(tree.get("nan").isNull()).isTrue();
        assertThat(tree.get("null").isNull()).isTrue();
        assertThat(tree.get("list").get(2).get("k").asInt()).isEqualTo(2);
        assertThat(Json.parse(text)).isEqualTo(Json.parse(new ObjectMapper().writeValueAsString(tree)));
    }
}
