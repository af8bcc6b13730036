package io.amsgrid.codec.payload;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadJsonTest {
    static final String AGGREGATE_JSON = """
            {"version":1,"type":"aggregate","sequence":42,"meterId":"MTR1","windowStartEpochS":1700000000,\
            "intervalMinutes":1,"measurements":{"activeImportW":{"avg":1500.0,"min":1000.0,"max":2000.0,"samples":6},\
            "voltageL1V":{"avg":230.0,"min":229.5,"max":230.5,"samples":6}}}""";
    static final String HOURLY_JSON = """
            {"version":1,"type":"hourly","sequence":7,"hourStartEpochS":1699999200,"flags":["GAP"],"missingHours":2,\
            "registers":{"activeImportWh":123456789012,"reactiveImportVarh":5000}}""";
    static final String POWER_FAIL_JSON = """
            {"version":1,"type":"powerFail","sequence":9,"signalAtEpochMs":1700000090000,"reason":"GPIO",\
            "samples":[{"timeEpochMs":1700000000000,"voltageL1V":231.5},\
            {"timeEpochMs":1700000010000,"voltageL1V":230.0,"voltageL2V":231.0,"voltageL3V":232.0}]}""";

    @Test
    void toJson_fixtures_matchDocumentedJson() {
        assertThat(PayloadJson.toJson(Payloads.aggregateFixture())).isEqualTo(AGGREGATE_JSON);
        assertThat(PayloadJson.toJson(Payloads.hourlyFixture())).isEqualTo(HOURLY_JSON);
        assertThat(PayloadJson.toJson(Payloads.powerFailFixture())).isEqualTo(POWER_FAIL_JSON);
    }

    @Test
    void fromJson_fixtures_equalBinaryFixtures() {
        assertThat(PayloadJson.fromJson(AGGREGATE_JSON)).isEqualTo(PayloadCodec.decode(Hex.bytes(PayloadCodecTest.AGGREGATE_FIXTURE)));
        assertThat(PayloadJson.fromJson(HOURLY_JSON)).isEqualTo(PayloadCodec.decode(Hex.bytes(PayloadCodecTest.HOURLY_FIXTURE)));
        assertThat(PayloadJson.fromJson(POWER_FAIL_JSON)).isEqualTo(PayloadCodec.decode(Hex.bytes(PayloadCodecTest.POWER_FAIL_FIXTURE)));
    }

    @Test
    void fromJson_randomPayloads_roundTripExactly() {
        Random rnd = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            Payload p = Payloads.random(rnd);
            String json = PayloadJson.toJson(p);
            assertThat(PayloadJson.fromJson(json)).as(json).isEqualTo(p);
        }
    }

    @Test
    void fromJson_humanWrittenNumbers_parse() {
        String json = AGGREGATE_JSON.replace("1500.0", "1.5e3").replace("\"min\":1000.0", "\"min\":1000");
        assertThat(PayloadJson.fromJson(json)).isEqualTo(Payloads.aggregateFixture());
    }

    @Test
    void fromJson_badInput_rejectsWithNamedReason() {
        assertRejected("not json", PayloadRejectReason.BAD_JSON);
        assertRejected("[1,2]", PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON + "{}", PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"meterId\"", "\"thing\":\"x\",\"meterId\""), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"samples\":6}}", "\"samples\":6,\"extra\":1}}"), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("voltageL1V", "voltageL9V"), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"sequence\":42,", ""), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"sequence\":42", "\"sequence\":\"42\""), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"sequence\":42", "\"sequence\":4.2"), PayloadRejectReason.BAD_JSON);
        assertRejected(AGGREGATE_JSON.replace("\"version\":1", "\"version\":2"), PayloadRejectReason.UNKNOWN_VERSION);
        assertRejected(AGGREGATE_JSON.replace("aggregate", "aggregates"), PayloadRejectReason.UNKNOWN_TYPE);
        assertRejected(AGGREGATE_JSON.replace("\"intervalMinutes\":1", "\"intervalMinutes\":0"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        assertRejected(AGGREGATE_JSON.replace("\"samples\":6}}", "\"samples\":-99999999999}}"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        assertRejected(AGGREGATE_JSON.replace("1500.0", "1e99"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        assertRejected(HOURLY_JSON.replace("[\"GAP\"]", "[\"GAPS\"]"), PayloadRejectReason.BAD_JSON);
        assertRejected(HOURLY_JSON.replace("123456789012", "-1"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        assertRejected(HOURLY_JSON.replace("123456789012", "99999999999999999999"), PayloadRejectReason.BAD_JSON);
        assertRejected(POWER_FAIL_JSON.replace("GPIO", "LIGHTNING"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        assertRejected(POWER_FAIL_JSON.replace("voltageL2V", "currentL2A"), PayloadRejectReason.VALUE_OUT_OF_RANGE);
    }

    static void assertRejected(String json, PayloadRejectReason reason) {
        assertThatThrownBy(() -> PayloadJson.fromJson(json)).as(json)
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
