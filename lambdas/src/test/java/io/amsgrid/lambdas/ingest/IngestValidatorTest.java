package io.amsgrid.lambdas.ingest;

import io.amsgrid.lambdas.store.ReadingRecord;
import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event parsing and validation on the event fixtures, no AWS. */
class IngestValidatorTest {
    private final IngestValidator validator = new IngestValidator(ZoneId.of("Europe/Oslo"), Duration.ofMinutes(5), RawFrameDecoder.UNAVAILABLE);

    @ParameterizedTest
    @CsvSource({
            "avg-binary.json, AVG, 1700000000000",
            "avg-json.json, AVG, 1700000060000",
            "hr-binary.json, HR, 1699999200000",
            "pf-binary.json, PF, 1700000090000"})
    void validate_goodFixture_givesTheRecord(String fixture, MessageKind kind, long timestampMs) {
        ReadingRecord record = validator.validate(IngestEvent.parse(Fixtures.event(fixture)));
        assertThat(record.kind()).isEqualTo(kind);
        assertThat(record.thing()).isEqualTo("gw-0001");
        assertThat(record.timestampMs()).isEqualTo(timestampMs);
        assertThat(record.item().get("pk").s()).isEqualTo("gw-0001#" + kind.topicPrefix());
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
    void validate_badFixture_rejectsWithReason(String fixture, IngestRejectReason reason) {
        assertThatThrownBy(() -> validator.validate(IngestEvent.parse(Fixtures.event(fixture))))
                .isInstanceOfSatisfying(IngestRejection.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "topic|",
            "topic|avg",
            "topic|avg/gw-0001/extra",
            "topic|min/gw-0001",
            "receivedAtMs|",
            "receivedAtMs|-5",
            "thing|gw 0001"})
    void parse_malformedEvent_isBadEvent(String field, String value) {
        Map<String, Object> event = new HashMap<>(Fixtures.event("avg-binary.json"));
        if (field.equals("receivedAtMs") && value != null) {
            event.put(field, Long.parseLong(value));
        } else {
            event.put(field, value);
        }
        assertThatThrownBy(() -> IngestEvent.parse(event)).isInstanceOfSatisfying(IngestRejection.class,
                e -> assertThat(e.reason()).isIn(IngestRejectReason.BAD_EVENT, IngestRejectReason.THING_MISMATCH));
    }

    @ParameterizedTest
    @CsvSource({"299000, true", "301000, false"})
    void validate_payloadTimeAfterReceipt_toleratesFiveMinutes(long aheadMs, boolean accepted) {
        Map<String, Object> event = new HashMap<>(Fixtures.event("avg-binary.json"));
        event.put("receivedAtMs", 1_700_000_060_000L - aheadMs); // window end minus how far the payload is ahead
        if (accepted) {
            assertThat(validator.validate(IngestEvent.parse(event))).isNotNull();
        } else {
            assertThatThrownBy(() -> validator.validate(IngestEvent.parse(event)))
                    .isInstanceOfSatisfying(IngestRejection.class, e -> assertThat(e.reason()).isEqualTo(IngestRejectReason.TIMESTAMP_IN_FUTURE));
        }
    }
}
