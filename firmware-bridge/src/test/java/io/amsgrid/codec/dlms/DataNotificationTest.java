package io.amsgrid.codec.dlms;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataNotificationTest {
    private static final String DT = "07e40119060e000aff800000";
    private static final String BODY = "020106000013 28".replace(" ", "");

    private static DataNotification parse(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return DataNotification.parse(b, 0, b.length);
    }

    @Test
    void parse_dateTimeAbsent_hasNoDateTime() {
        DataNotification n = parse("0f40000000" + "00" + BODY);
        assertThat(n.dateTimeEncoding()).isEqualTo(DataNotification.DateTimeEncoding.ABSENT);
        assertThat(n.dateTime()).isNull();
        assertThat(n.longInvokeIdAndPriority()).isEqualTo(0x40000000L);
    }

    @Test
    void parse_dateTimeLengthPrefixed_decodesDateTime() {
        DataNotification n = parse("0f00000000" + "0c" + DT + BODY);
        assertThat(n.dateTimeEncoding()).isEqualTo(DataNotification.DateTimeEncoding.LENGTH_PREFIXED);
        assertThat(n.dateTime().isoAsSent()).isEqualTo("2020-01-25T14:00:10");
    }

    @Test
    void parse_dateTimeWithOctetStringTag_decodesDateTime() {
        DataNotification n = parse("0f40000000" + "090c" + DT + BODY);
        assertThat(n.dateTimeEncoding()).isEqualTo(DataNotification.DateTimeEncoding.TAGGED_OCTET_STRING);
        assertThat(n.dateTime().dayOfWeek()).isEqualTo(6);
        assertThat(((DlmsData.Sequence) n.body()).get(0)).isEqualTo(new DlmsData.Int(DlmsType.DOUBLE_LONG_UNSIGNED, 0x1328));
    }

    @Test
    void parse_dateTimeOfWrongLength_throwsBadLength() {
        assertThatThrownBy(() -> parse("0f40000000" + "05" + "0102030405" + BODY))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.BAD_LENGTH));
    }

    @Test
    void parse_bytesAfterBody_throwsBadLength() {
        assertThatThrownBy(() -> parse("0f40000000" + "00" + BODY + "00"))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.BAD_LENGTH));
    }

    @Test
    void parse_cutShort_throwsTruncated() {
        assertThatThrownBy(() -> parse("0f400000"))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.TRUNCATED));
    }

    @Test
    void decode_otherApdu_throwsUnsupported() {
        assertThatThrownBy(() -> DlmsApduDecoder.decode(HexFormat.of().parseHex("c401c1000600000001"), SecurityKeys.NONE))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.UNSUPPORTED_APDU));
    }

    @Test
    void skip_llcVariants_acceptsE6E7AndE6E6() {
        assertThat(Llc.skip(HexFormat.of().parseHex("e6e7000f"), 0, 4)).isEqualTo(3);
        assertThat(Llc.skip(HexFormat.of().parseHex("e6e6000f"), 0, 4)).isEqualTo(3);
        assertThatThrownBy(() -> Llc.skip(HexFormat.of().parseHex("e6e7010f"), 0, 4))
                .isInstanceOfSatisfying(DlmsException.class, e -> assertThat(e.reason()).isEqualTo(DlmsErrorReason.BAD_LLC));
    }
}
