package io.amsgrid.codec.payload;

import io.amsgrid.codec.meter.Measurement;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCodecTest {

    /** The aggregate example of docs/payloads.md. */
    static final String AGGREGATE_FIXTURE = """
            01                  # version 1
            01                  # type 1 = aggregate
            00 00 00 2A         # sequence 42
            04                  # meterId length 4
            4D 54 52 31         # meterId "MTR1"
            65 53 F1 00         # windowStartEpochS 1700000000 (2023-11-14T22:13:20Z)
            01                  # intervalMinutes 1
            00 81               # presence: bit 0 activeImportW, bit 7 voltageL1V
            44 BB 80 00         # activeImportW avg 1500.0 (float32)
            44 7A 00 00         #               min 1000.0
            44 FA 00 00         #               max 2000.0
            00 06               #               samples 6
            43 66 00 00         # voltageL1V avg 230.0
            43 65 80 00         #            min 229.5
            43 66 80 00         #            max 230.5
            00 06               #            samples 6
            CE C2               # CRC-16/X-25 over all bytes above
            """;

    /** The hourly example of docs/payloads.md. */
    static final String HOURLY_FIXTURE = """
            01                  # version 1
            02                  # type 2 = hourly
            00 00 00 07         # sequence 7
            00                  # meterId length 0 (absent)
            65 53 ED E0         # hourStartEpochS 1699999200 (2023-11-14T22:00:00Z)
            01                  # flags: bit 0 GAP
            00 02               # missingHours 2
            05                  # presence: bit 0 activeImportWh, bit 2 reactiveImportVarh
            00 00 00 1C BE 99 1A 14   # activeImportWh 123456789012
            00 00 00 00 00 00 13 88   # reactiveImportVarh 5000
            AA BC               # CRC-16/X-25
            """;

    /** The power-fail example of docs/payloads.md. */
    static final String POWER_FAIL_FIXTURE = """
            01                        # version 1
            03                        # type 3 = power fail
            00 00 00 09               # sequence 9
            00                        # meterId length 0 (absent)
            00 00 01 8B CF E6 C7 90   # signalAtEpochMs 1700000090000
            01                        # reason 1 = GPIO
            00 02                     # sample count 2
            00 00 01 8B CF E5 68 00   # sample 1 timeEpochMs 1700000000000
            01                        #          presence: bit 0 voltageL1V
            43 67 80 00               #          voltageL1V 231.5
            00 00 01 8B CF E5 8F 10   # sample 2 timeEpochMs 1700000010000
            07                        #          presence: L1, L2, L3
            43 66 00 00               #          voltageL1V 230.0
            43 67 00 00               #          voltageL2V 231.0
            43 68 00 00               #          voltageL3V 232.0
            F1 87                     # CRC-16/X-25
            """;

    @Test
    void crc16X25_checkString_isStandardCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(PayloadCrc.crc16X25(check, 0, check.length)).isEqualTo(0x906E);
    }

    @Test
    void encode_aggregateFixture_matchesDocumentedBytes() {
        assertThat(PayloadCodec.encode(Payloads.aggregateFixture())).isEqualTo(Hex.bytes(AGGREGATE_FIXTURE));
    }

    @Test
    void encode_hourlyFixture_matchesDocumentedBytes() {
        assertThat(PayloadCodec.encode(Payloads.hourlyFixture())).isEqualTo(Hex.bytes(HOURLY_FIXTURE));
    }

    @Test
    void encode_powerFailFixture_matchesDocumentedBytes() {
        assertThat(PayloadCodec.encode(Payloads.powerFailFixture())).isEqualTo(Hex.bytes(POWER_FAIL_FIXTURE));
    }

    @Test
    void decode_fixtures_giveTheDocumentedValues() {
        assertThat(PayloadCodec.decode(Hex.bytes(AGGREGATE_FIXTURE))).isEqualTo(Payloads.aggregateFixture());
        assertThat(PayloadCodec.decode(Hex.bytes(HOURLY_FIXTURE))).isEqualTo(Payloads.hourlyFixture());
        assertThat(PayloadCodec.decode(Hex.bytes(POWER_FAIL_FIXTURE))).isEqualTo(Payloads.powerFailFixture());
    }

    @Test
    void decode_encodedRandomPayloads_roundTripExactly() {
        Random rnd = new Random(4);
        for (int i = 0; i < 2_000; i++) {
            Payload p = Payloads.random(rnd);
            assertThat(PayloadCodec.decode(PayloadCodec.encode(p))).isEqualTo(p);
        }
    }

    @Test
    void decode_absentMeasurements_stayAbsent() {
        AggregatePayload p = (AggregatePayload) PayloadCodec.decode(Hex.bytes(AGGREGATE_FIXTURE));
        assertThat(p.measurements().keySet()).containsExactly(Measurement.ACTIVE_IMPORT_W, Measurement.VOLTAGE_L1_V);
    }

    @Test
    void decode_unknownVersion_rejectsWithUnknownVersion() {
        byte[] b = Hex.bytes(AGGREGATE_FIXTURE);
        b[0] = 2;
        assertRejected(b, PayloadRejectReason.UNKNOWN_VERSION);
    }

    @Test
    void decode_unknownType_rejectsWithUnknownType() {
        byte[] b = Hex.bytes(AGGREGATE_FIXTURE);
        b[1] = 9;
        assertRejected(b, PayloadRejectReason.UNKNOWN_TYPE);
    }

    @Test
    void decode_emptyTruncatedOrTrailingBytes_rejectsWithWrongLength() {
        byte[] b = Hex.bytes(HOURLY_FIXTURE);
        assertRejected(new byte[0], PayloadRejectReason.WRONG_LENGTH);
        assertRejected(Arrays.copyOf(b, 1), PayloadRejectReason.WRONG_LENGTH);
        assertRejected(Arrays.copyOf(b, b.length - 1), PayloadRejectReason.WRONG_LENGTH);
        assertRejected(Arrays.copyOf(b, b.length + 1), PayloadRejectReason.WRONG_LENGTH);
    }

    @Test
    void decode_flippedValueBit_rejectsWithBadChecksum() {
        byte[] b = Hex.bytes(AGGREGATE_FIXTURE);
        b[20] ^= 0x01;
        assertRejected(b, PayloadRejectReason.BAD_CHECKSUM);
    }

    @Test
    void decode_outOfRangeValuesWithValidCrc_rejectsWithValueOutOfRange() {
        assertRejected(withCrc(Hex.bytes(AGGREGATE_FIXTURE), 15, (byte) 0), PayloadRejectReason.VALUE_OUT_OF_RANGE); // interval 0
        assertRejected(withCrc(Hex.bytes(AGGREGATE_FIXTURE), 15, (byte) 61), PayloadRejectReason.VALUE_OUT_OF_RANGE); // interval 61
        assertRejected(withCrc(Hex.bytes(HOURLY_FIXTURE), 11, (byte) 0x08), PayloadRejectReason.VALUE_OUT_OF_RANGE); // reserved flag
        assertRejected(withCrc(Hex.bytes(HOURLY_FIXTURE), 11, (byte) 0x00), PayloadRejectReason.VALUE_OUT_OF_RANGE); // gap count w/o GAP
        assertRejected(withCrc(Hex.bytes(HOURLY_FIXTURE), 15, (byte) 0x80), PayloadRejectReason.VALUE_OUT_OF_RANGE); // u64 top bit
        assertRejected(withCrc(Hex.bytes(POWER_FAIL_FIXTURE), 15, (byte) 7), PayloadRejectReason.VALUE_OUT_OF_RANGE); // reason 7
        byte[] nan = Hex.bytes(AGGREGATE_FIXTURE);
        nan[18] = 0x7F; nan[19] = (byte) 0xC0; nan[20] = 0; nan[21] = 0;                // activeImportW avg NaN
        assertRejected(withCrc(nan, 0, nan[0]), PayloadRejectReason.VALUE_OUT_OF_RANGE);
        byte[] minAboveAvg = Hex.bytes(AGGREGATE_FIXTURE);
        minAboveAvg[22] = 0x45;                                                          // min 4000 > avg 1500
        assertRejected(withCrc(minAboveAvg, 0, minAboveAvg[0]), PayloadRejectReason.VALUE_OUT_OF_RANGE);
    }

    @Test
    void constructor_energyRegisterInAggregate_rejectsWithValueOutOfRange() {
        assertThatThrownBy(() -> new AggregatePayload(1, 0, 1, null,
                Map.of(Measurement.ACTIVE_IMPORT_WH, new AggregatePayload.Stats(1, 1, 1, 1))))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(PayloadRejectReason.VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> new HourlyPayload(1, 0, "bad\nid", Set.of(), 0, Map.of(Measurement.ACTIVE_IMPORT_WH, 1L)))
                .isInstanceOf(PayloadException.class);
    }

    /** Sets {@code b[index] = value} and rewrites the CRC so only the value check can fail. */
    static byte[] withCrc(byte[] b, int index, byte value) {
        b[index] = value;
        int crc = PayloadCrc.crc16X25(b, 0, b.length - 2);
        b[b.length - 2] = (byte) (crc >>> 8);
        b[b.length - 1] = (byte) crc;
        return b;
    }

    static void assertRejected(byte[] bytes, PayloadRejectReason reason) {
        assertThatThrownBy(() -> PayloadCodec.decode(bytes))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
