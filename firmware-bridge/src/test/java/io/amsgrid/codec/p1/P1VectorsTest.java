package io.amsgrid.codec.p1;

import com.fasterxml.jackson.databind.JsonNode;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code dsmr-p1} vector: CRC checked, lines and literal values as the vector expects. */
class P1VectorsTest {

    static Stream<Vector> telegrams() {
        return Vectors.withFormat("dsmr-p1").stream();
    }

    static Stream<Vector> telegramsWithExpected() {
        return telegrams().filter(v -> v.expected() != null);
    }

    @ParameterizedTest
    @MethodSource("telegrams")
    void parse_vector_crcValidAndEveryLineParsed(Vector v) {
        P1Telegram telegram = P1Telegram.parse(v.text());

        assertThat(telegram.crcStatus()).isEqualTo(P1CrcStatus.VALID);
        assertThat(telegram.identification()).startsWith("/");
        long dataLines = v.text().lines().filter(l -> !l.isBlank() && !l.startsWith("/") && !l.startsWith("!")).count();
        assertThat(telegram.lines()).hasSize((int) dataLines);
    }

    @ParameterizedTest
    @MethodSource("telegrams")
    void readTelegrams_vector_sameTelegramAsParse(Vector v) {
        assertThat(P1Reader.readTelegrams(v.bytes())).containsExactly(P1Telegram.parse(v.text()));
    }

    @ParameterizedTest
    @MethodSource("telegramsWithExpected")
    void parse_vectorWithExpected_matchesIdentificationCrcAndLiteralValues(Vector v) {
        P1Telegram telegram = P1Telegram.parse(v.text());
        JsonNode expected = v.expected();

        assertThat(telegram.identification()).isEqualTo(expected.path("identification").asText());
        assertThat(telegram.crc()).isEqualTo(Integer.parseInt(expected.path("crc_field").asText(), 16));
        List<String> codes = new ArrayList<>();
        expected.path("values").fieldNames().forEachRemaining(codes::add);
        assertThat(telegram.linesByCode().keySet()).containsExactlyElementsOf(codes);
        for (String code : codes) {
            JsonNode node = expected.path("values").path(code);
            List<P1Value> want = new ArrayList<>();
            (node.isArray() ? node : List.of(node)).forEach(n -> want.add(value(n)));
            assertThat(telegram.line(code)).get().satisfies(line -> {
                assertThat(line.values()).as(code).containsExactlyElementsOf(want);
                assertThat(line.multiValue()).as(code).isEqualTo(node.isArray());
            });
        }
    }

    private static P1Value value(Object o) {
        JsonNode n = (JsonNode) o;
        return new P1Value(n.path("value").asText(), n.has("unit") ? n.path("unit").asText() : null);
    }
}
