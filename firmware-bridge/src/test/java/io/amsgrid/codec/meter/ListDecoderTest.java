package io.amsgrid.codec.meter;

import io.amsgrid.codec.DecodedList;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.dlms.DataNotification;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.VectorAssertions;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile recognition and normalization, on the MIT vectors kept in the test resources. */
class ListDecoderTest {
    private static final List<Vector> MIT = VectorAssertions.loadResource("/vectors/mit-vectors.jsonl");

    private static DecodedList decode(String id) {
        Vector v = MIT.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        HanFormat f = HanFormat.of(v.format());
        return HanDecoder.decode(f, f.isText() ? v.text() : v.hex(), SecurityKeys.NONE);
    }

    private static MeterList list(String llcHex) {
        byte[] b = HexFormat.of().parseHex(llcHex);
        return ListDecoder.decode(DataNotification.parse(b, 3, b.length - 3));
    }

    @Test
    void decode_kaifaPositional_recognisedFromListIdNotLength() {
        DecodedList d = decode("no-kaifa-l3-3ph-amshan");
        assertThat(d.profile()).isEqualTo("Kaifa");
        assertThat(d.values()).containsKeys("1.1.0.2.129.255", "0.0.1.0.0.255", "1.0.4.8.0.255");
        assertThat(d.reading().values()).containsEntry(Measurement.CURRENT_L1_A, 14.571)
                .containsEntry(Measurement.VOLTAGE_L1_V, 219.3).containsEntry(Measurement.ACTIVE_IMPORT_WH, 79591144.0);
    }

    @Test
    void decode_kaifaWithObisCodes_usesKaifaScalingByListId() {
        DecodedList d = decode("se-kaifa-l3-obis-amshan");
        assertThat(d.profile()).isEqualTo("Kaifa");
        assertThat(d.values().get("1.0.31.7.0.255").value()).isEqualTo(6.781);
        assertThat(d.values().get("1.0.31.7.0.255").scaler()).isEqualTo(-3);
    }

    @Test
    void decode_kamstrupSinglePhase_paddedPhasesStayAbsent() {
        DecodedList d = decode("no-kamstrup-l3-1ph-amshan");
        assertThat(d.profile()).isEqualTo("Kamstrup");
        MeterReading r = d.reading();
        assertThat(r.values()).containsEntry(Measurement.CURRENT_L1_A, 45.12).containsEntry(Measurement.VOLTAGE_L1_V, 223.0)
                .containsEntry(Measurement.ACTIVE_IMPORT_WH, 77452500.0);
        assertThat(r.values()).doesNotContainKeys(Measurement.CURRENT_L2_A, Measurement.CURRENT_L3_A,
                Measurement.VOLTAGE_L2_V, Measurement.VOLTAGE_L3_V);
        assertThat(r.get(Measurement.CURRENT_L2_A)).isEmpty();
        assertThat(r.meterId()).isEqualTo("5705705705705702");
        assertThat(r.meterType()).isEqualTo("6861111BN242101040");
    }

    @Test
    void decode_aidonItGrid_missingIl2StaysAbsentAndScalerFromFrame() {
        DecodedList d = decode("no-aidon-l2-3w-amshan");
        assertThat(d.profile()).isEqualTo("Aidon");
        assertThat(d.reading().values()).doesNotContainKey(Measurement.CURRENT_L2_A)
                .containsEntry(Measurement.CURRENT_L3_A, 0.9).containsEntry(Measurement.REACTIVE_EXPORT_VAR, 128.0);
        assertThat(d.reading().values()).doesNotContainKey(Measurement.ACTIVE_IMPORT_WH);
        assertThat(d.reading().hasEnergyRegisters()).isFalse();
    }

    @Test
    void decode_aidonExporting_currentIsSigned() {
        // same layout as ElWiz list 2; the exporting 6515 sample (Csstenersen) is in ../shared only,
        // so build one: IL1 long 0xFFCD = -51 with scaler -1
        MeterList l = list("e6e7000f40000000" + "00" + "0101" + "0203" + "0906" + "01001f0700ff" + "10ffcd" + "02020fff1621");
        assertThat(l.values()).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(-5.1);
            assertThat(v.unit()).isEqualTo("A");
        });
    }

    @Test
    void decode_listOneWithoutObis_isActiveImportPower() {
        DecodedList d = decode("no-kaifa-l1-amshan");
        assertThat(d.profile()).isEqualTo("list 1");
        assertThat(d.reading().values()).containsOnlyKeys(Measurement.ACTIVE_IMPORT_W);
    }

    @Test
    void decode_unknownPositionalList_givesElementsButNoGuessedValues() {
        MeterList l = list("e6e7000f40000000000203" + "0600000001" + "0600000002" + "0909313233343536373839");
        assertThat(l.profile()).isEqualTo(ListProfile.UNKNOWN_POSITIONAL);
        assertThat(l.values()).isEmpty();
        assertThat(l.elements()).containsExactly(1L, 2L, "313233343536373839");
        assertThat(MeterReadings.of(l).values()).isEmpty();
    }

    @Test
    void decode_pushObjectList_labelsValuesFromTheList() {
        // structure { array { {40, 0.0.25.9.0.255, 2, 0}, {3, 1.0.1.7.0.255, 2, 0}, {3, 1.0.31.7.0.255, 2, 0} }, 1234, 9 }
        String self = "020412002809060000190900ff0f02120000";
        String desc = "0204120003090601000107 00ff0f021200 00".replace(" ", "");
        String desc2 = "020412000309060100 1f0700ff0f02120000".replace(" ", "");
        MeterList l = list("e6e7000f4000000000" + "0203" + "0103" + self + desc + desc2 + "06000004d2" + "120009");
        assertThat(l.profile()).isEqualTo(ListProfile.PUSH_OBJECT_LIST);
        assertThat(l.values()).extracting(v -> v.obis().toString()).containsExactly("1.0.1.7.0.255", "1.0.31.7.0.255");
        assertThat(l.values().get(0).value()).isEqualTo(1234L);
    }

    @Test
    void measurementOf_ignoresValueGroupBAndTariffs() {
        assertThat(MeterReadings.measurementOf(io.amsgrid.codec.obis.ObisCode.parse("1.1.1.8.0.255")))
                .isEqualTo(Measurement.ACTIVE_IMPORT_WH);
        assertThat(MeterReadings.measurementOf(io.amsgrid.codec.obis.ObisCode.parse("1-0:1.8.1"))).isNull();
        assertThat(MeterReadings.toBaseUnit("kWh", Measurement.ACTIVE_IMPORT_WH)).isEqualTo(1000);
        assertThat(MeterReadings.toBaseUnit("kVArh", Measurement.REACTIVE_IMPORT_VARH)).isEqualTo(1000);
        assertThat(MeterReadings.toBaseUnit("A", Measurement.ACTIVE_IMPORT_W)).isNaN();
    }

    @Test
    void decode_p1Telegram_readingInBaseUnits() {
        DecodedList d = decode("se-ellevio-ell5-p1-amshan");
        assertThat(d.values().get("1-0:1.7.0").value()).isEqualTo("0006.000");
        assertThat(d.reading().values()).containsEntry(Measurement.ACTIVE_IMPORT_W, 6000.0)
                .containsEntry(Measurement.ACTIVE_IMPORT_WH, 1605055.0);
    }
}
