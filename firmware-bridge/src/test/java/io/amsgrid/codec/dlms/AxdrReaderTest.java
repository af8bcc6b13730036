package io.amsgrid.codec.dlms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AxdrReaderTest {

    private static DlmsData read(String hex) {
        AxdrReader r = new AxdrReader(HexFormat.of().parseHex(hex));
        DlmsData d = r.readData();
        assertThat(r.remaining()).as("whole input consumed").isZero();
        return d;
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "0f85, INTEGER, -123",
            "0f7f, INTEGER, 127",
            "10ffcd, LONG, -51",
            "1208e2, LONG_UNSIGNED, 2274",
            "11ff, UNSIGNED, 255",
            "05ffffff9c, DOUBLE_LONG, -100",
            "06fffffffe, DOUBLE_LONG_UNSIGNED, 4294967294",
            "14fffffffffffffffe, LONG64, -2",
            "1500000000000000e5, LONG64_UNSIGNED, 229",
            "161b, ENUM, 27",
    })
    void readData_integerTypes_decodeSignAndWidth(String hex, DlmsType type, long value) {
        DlmsData d = read(hex);
        assertThat(d).isEqualTo(new DlmsData.Int(type, value));
    }

    @Test
    void readData_long64UnsignedAboveSignedRange_keepsUnsignedDecimal() {
        DlmsData.Int d = (DlmsData.Int) read("15ffffffffffffffff");
        assertThat(d.decimal()).isEqualTo("18446744073709551615");
    }

    @Test
    void readData_floats_decodeIeee754() {
        assertThat(((DlmsData.Float) read("1740490fdb")).value()).isEqualTo(3.1415927410125732);
        assertThat(((DlmsData.Float) read("18400921fb54442d18")).value()).isEqualTo(Math.PI);
    }

    @Test
    void readData_stringsAndBooleans_decode() {
        assertThat(read("0a0b4149444f4e5f5630303031")).isEqualTo(new DlmsData.Text(DlmsType.VISIBLE_STRING, "AIDON_V0001"));
        assertThat(read("0c04c3a6c3b8")).isEqualTo(new DlmsData.Text(DlmsType.UTF8_STRING, "æø"));
        assertThat(read("0301")).isEqualTo(new DlmsData.Bool(true));
        assertThat(read("0300")).isEqualTo(new DlmsData.Bool(false));
        assertThat(((DlmsData.Bytes) read("09074b464d5f303031")).printable()).isEqualTo("KFM_001");
        assertThat(((DlmsData.Bytes) read("090401020304")).printable()).isNull();
        assertThat(((DlmsData.Bytes) read("040ca5f0")).hex()).isEqualTo("a5f0");
        assertThat(read("00")).isEqualTo(DlmsData.Null.INSTANCE);
    }

    @Test
    void readData_dateTimeDateTime_keepBytes() {
        assertThat(((DlmsData.Bytes) read("1907e40119060e000aff800000")).hex()).isEqualTo("07e40119060e000aff800000");
        assertThat(((DlmsData.Bytes) read("1a07e5091b01")).type()).isEqualTo(DlmsType.DATE);
        assertThat(((DlmsData.Bytes) read("1b0e372700")).type()).isEqualTo(DlmsType.TIME);
    }

    @Test
    void readData_nestedStructure_keepsOrder() {
        DlmsData.Sequence s = (DlmsData.Sequence) read("0203090601000107 00ff0600000118 02020f00161b".replace(" ", ""));
        assertThat(s.isStructure()).isTrue();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.get(1)).isEqualTo(new DlmsData.Int(DlmsType.DOUBLE_LONG_UNSIGNED, 280));
        DlmsData.Sequence su = (DlmsData.Sequence) s.get(2);
        assertThat(su.items()).containsExactly(new DlmsData.Int(DlmsType.INTEGER, 0), new DlmsData.Int(DlmsType.ENUM, 27));
    }

    @Test
    void readLength_multiByteForms_decode() {
        assertThat(new AxdrReader(HexFormat.of().parseHex("8155")).readLength()).isEqualTo(0x55);
        assertThat(new AxdrReader(HexFormat.of().parseHex("8201f2")).readLength()).isEqualTo(0x1f2);
        assertThatThrownBy(() -> new AxdrReader(HexFormat.of().parseHex("80")).readLength())
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.BAD_LENGTH));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "06000001, TRUNCATED",
            "0a05414243, TRUNCATED",
            "0205060000000106, TRUNCATED",
            "1e00, UNKNOWN_TAG",
            "ff, UNKNOWN_TAG",
            "13020000, UNKNOWN_TAG",
            "020a00, TRUNCATED",
    })
    void readData_malformed_throwsNamedReason(String hex, DlmsErrorReason reason) {
        assertThatThrownBy(() -> read(hex))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void readData_nestingBeyondLimit_throwsTooDeep() {
        String hex = "0201".repeat(AxdrReader.MAX_DEPTH + 1) + "00";
        assertThatThrownBy(() -> read(hex))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.TOO_DEEP));
    }

    @Test
    void readData_nestingAtLimit_decodes() {
        String hex = "0201".repeat(AxdrReader.MAX_DEPTH) + "00";
        assertThat(read(hex)).isInstanceOf(DlmsData.Sequence.class);
    }
}
