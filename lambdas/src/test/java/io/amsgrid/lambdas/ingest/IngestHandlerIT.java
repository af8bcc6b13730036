package io.amsgrid.lambdas.ingest;

import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.store.ReadingStore;
import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.lambdas.testing.LocalAws;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest handler on the event fixtures against dynalite and s3proxy. */
class IngestHandlerIT {
    static LocalAws aws;
    static IngestHandler handler;

    @BeforeAll
    static void start() {
        aws = new LocalAws();
        handler = new IngestHandler(aws.processor(), aws.metrics());
    }

    @BeforeEach
    void emptyTable() {
        aws.resetTable();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Map<String, Object> invoke(String fixture) {
        return handler.handleRequest(Fixtures.event(fixture), new LocalContext("ingest"));
    }

    @Test
    void handleRequest_binaryAggregate_storesOnceThenCountsDuplicate() {
        assertThat(invoke("avg-binary.json")).containsEntry("status", "STORED").containsEntry("kind", "avg")
                .containsEntry("thing", "gw-0001").containsEntry("timestampMs", 1_700_000_000_000L);
        assertThat(invoke("avg-binary.json")).containsEntry("status", "DUPLICATE");

        ReadingStore store = aws.processor().store();
        List<Map<String, AttributeValue>> items = store.readings("gw-0001", MessageKind.AVG, 1_700_000_000_000L, 1_700_000_000_001L);
        assertThat(items).hasSize(1);
        Map<String, AttributeValue> item = items.getFirst();
        assertThat(item.get("pk").s()).isEqualTo("gw-0001#avg");
        assertThat(item.get("sk").s()).isEqualTo("1700000000000");
        assertThat(item.get("meterId").s()).isEqualTo("MTR1");
        assertThat(item.get("v").m().get("voltageL1V").l()).extracting(AttributeValue::n).containsExactly("230", "229.5", "230.5", "6");
    }

    @Test
    void handleRequest_jsonAggregate_isStoredAndBecomesLatest() {
        invoke("avg-binary.json");
        assertThat(invoke("avg-json.json")).containsEntry("status", "STORED").containsEntry("timestampMs", 1_700_000_060_000L);
        List<Map<String, AttributeValue>> latest = aws.processor().store().latest(MessageKind.AVG);
        assertThat(latest).filteredOn(i -> i.get("thing").s().equals("gw-0001"))
                .singleElement().satisfies(i -> assertThat(i.get("ts").n()).isEqualTo("1700000060000"));
        // An older reading arriving late does not move "latest" back.
        invoke("avg-binary.json");
        assertThat(aws.processor().store().latest(MessageKind.AVG)).filteredOn(i -> i.get("thing").s().equals("gw-0001"))
                .singleElement().satisfies(i -> assertThat(i.get("ts").n()).isEqualTo("1700000060000"));
    }

    @Test
    void handleRequest_hourlyAndPowerFail_areStoredAndIndexed() {
        assertThat(invoke("hr-binary.json")).containsEntry("status", "STORED").containsEntry("kind", "hr");
        assertThat(invoke("pf-binary.json")).containsEntry("status", "STORED").containsEntry("kind", "pf");
        ReadingStore store = aws.processor().store();
        assertThat(store.things(MessageKind.HR)).contains("gw-0001");
        assertThat(store.powerFails(LocalDate.of(2023, 11, 14))).singleElement()
                .satisfies(i -> assertThat(i.get("reason").s()).isEqualTo("GPIO"))
                .satisfies(i -> assertThat(i.get("samples").l()).hasSize(2));
        Map<String, AttributeValue> hr = store.readings("gw-0001", MessageKind.HR, 0, Long.MAX_VALUE / 2).getFirst();
        assertThat(hr.get("v").m().get("activeImportWh").n()).isEqualTo("123456789012");
        assertThat(hr.get("flags").l()).extracting(AttributeValue::s).containsExactly("GAP");
    }

    @ParameterizedTest
    @CsvSource({
            "reject-bad-checksum.json, BAD_CHECKSUM",
            "reject-future.json, TIMESTAMP_IN_FUTURE",
            "reject-thing-mismatch.json, THING_MISMATCH",
            "reject-kind-mismatch.json, KIND_MISMATCH",
            "reject-unknown-version.json, UNKNOWN_VERSION",
            "reject-wrong-length.json, WRONG_LENGTH",
            "reject-bad-json.json, BAD_JSON",
            "reject-bad-event.json, BAD_EVENT",
            "raw-hdlc.json, RAW_DECODER_UNAVAILABLE"})
    void handleRequest_badInput_isDeadLetteredWithReasonAndNothingStored(String fixture, IngestRejectReason reason) throws Exception {
        int itemsBefore = aws.scan().size();
        Map<String, Object> result = invoke(fixture);

        assertThat(result).containsEntry("status", "REJECTED").containsEntry("reason", reason.name());
        String key = (String) result.get("deadLetterKey");
        assertThat(key).startsWith("dead-letter/" + reason + "/").endsWith(".json");
        var letter = Fixtures.JSON.readTree(aws.object(key));
        assertThat(letter.get("reason").asText()).isEqualTo(reason.name());
        assertThat(letter.get("message").asText()).isNotBlank();
        assertThat(letter.get("event").get("payload").asText()).isEqualTo(Fixtures.event(fixture).get("payload"));
        assertThat(aws.scan()).hasSize(itemsBefore);
    }

    @Test
    void handleRequest_outcomes_areEmfMetricsInNamespaceAmsgrid() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            invoke("avg-binary.json");
            invoke("avg-binary.json");
            invoke("reject-bad-checksum.json");
        } finally {
            System.setOut(original);
        }
        List<com.fasterxml.jackson.databind.JsonNode> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{\"_aws\"")).map(l -> {
                    try {
                        return Fixtures.JSON.readTree(l);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("amsgrid"));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("IngestStored").asDouble()).isEqualTo(1.0))
                .anySatisfy(l -> assertThat(l.path("IngestDuplicate").asDouble()).isEqualTo(1.0))
                .anySatisfy(l -> {
                    assertThat(l.path("IngestRejected").asDouble()).isEqualTo(1.0);
                    assertThat(l.path("Reason").asText()).isEqualTo("BAD_CHECKSUM");
                });
    }

    @Test
    void handleRequest_rejectedTwice_keepsOneDeadLetter() {
        String first = (String) invoke("reject-bad-checksum.json").get("deadLetterKey");
        String second = (String) invoke("reject-bad-checksum.json").get("deadLetterKey");
        assertThat(second).isEqualTo(first);
        assertThat(first).matches("dead-letter/BAD_CHECKSUM/2023-11-14/gw-0001-1700000065123-[0-9a-f]{16}\\.json");
    }
}
