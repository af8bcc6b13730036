package io.amsgrid.codec.dlms;

import io.amsgrid.codec.meter.ListProfile;
import io.amsgrid.codec.meter.MeterTimeRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class CosemDateTimeTest {

    private static CosemDateTime dt(String hex) {
        return CosemDateTime.parse(HexFormat.of().parseHex(hex));
    }

    private static Instant instant(String hex, ListProfile profile) {
        return MeterTimeRule.instant(dt(hex), profile);
    }

    @Test
    void parse_fields_areDecoded() {
        CosemDateTime t = dt("07e509160311231effffc400");
        assertThat(t.year()).isEqualTo(2021);
        assertThat(t.month()).isEqualTo(9);
        assertThat(t.dayOfMonth()).isEqualTo(22);
        assertThat(t.dayOfWeek()).isEqualTo(3);
        assertThat(t.hour()).isEqualTo(17);
        assertThat(t.deviation()).isEqualTo(-60);
        assertThat(t.clockStatus()).isZero();
    }

    @Test
    void isoAsSent_showsOffsetOnlyWhenGivenAndHundredthsWhenSpecified() {
        assertThat(dt("07e509160311231effffc400").isoAsSent()).isEqualTo("2021-09-22T17:35:30+01:00");
        assertThat(dt("07e40119060e000aff800000").isoAsSent()).isEqualTo("2020-01-25T14:00:10");
        assertThat(dt("07e70419020a3b1e00ff8880").isoAsSent()).isEqualTo("2023-04-25T10:59:30.00+02:00");
        assertThat(dt("ffffffffffffffffff800000").isoAsSent()).isNull();
    }

    @Test
    void instant_deviationGiven_isLocalPlusDeviation() {
        // 0xFFC4 = -60: UTC+1 (Kaifa SE in winter)
        assertThat(instant("07e509160311231effffc400", ListProfile.KAIFA)).isEqualTo("2021-09-22T16:35:30Z");
        // 0xFF88 = -120 with DST bit: UTC+2 (Austrian Kaifa in April)
        assertThat(instant("07e70419020a3b1e00ff8880", ListProfile.GENERIC_OBIS)).isEqualTo("2023-04-25T08:59:30Z");
    }

    @Test
    void instant_deviationNotSpecified_isOsloLocalTimeWinterAndSummer() {
        assertThat(instant("07e40119060e000aff800000", ListProfile.KAIFA)).isEqualTo("2020-01-25T13:00:10Z");
        assertThat(instant("07e4070d0115000aff800000", ListProfile.KAIFA)).isEqualTo("2020-07-13T19:00:10Z");
    }

    @Test
    void instant_autumnRepeatedHour_dstBitDecides() {
        // 2024-10-27 02:30 happens twice in Oslo: 00:30Z (summer time) and 01:30Z (winter time)
        assertThat(instant("07e80a1b07021e00ff800080", ListProfile.KAMSTRUP)).isEqualTo("2024-10-27T00:30:00Z");
        assertThat(instant("07e80a1b07021e00ff800000", ListProfile.KAMSTRUP)).isEqualTo("2024-10-27T01:30:00Z");
        // status not specified: the earlier (summer) offset
        assertThat(instant("07e80a1b07021e00ff8000ff", ListProfile.KAMSTRUP)).isEqualTo("2024-10-27T00:30:00Z");
    }

    @Test
    void instant_aroundAutumnChange_unambiguousHoursUnaffectedByStatus() {
        assertThat(instant("07e80a1b07011e00ff800000", ListProfile.KAIFA)).isEqualTo("2024-10-26T23:30:00Z");
        assertThat(instant("07e80a1b07031e00ff800080", ListProfile.KAIFA)).isEqualTo("2024-10-27T02:30:00Z");
    }

    @Test
    void instant_springGap_movesForward() {
        // 2024-03-31 02:30 does not exist in Oslo: read as 03:30+02:00 = 01:30Z
        assertThat(instant("07e8031f07021e00ff800000", ListProfile.KAIFA)).isEqualTo("2024-03-31T01:30:00Z");
        assertThat(instant("07e8031f07011e00ff800000", ListProfile.KAIFA)).isEqualTo("2024-03-31T00:30:00Z");
        assertThat(instant("07e8031f07031e00ff800080", ListProfile.KAIFA)).isEqualTo("2024-03-31T01:30:00Z");
    }

    @Test
    void instant_aidonDeviationZero_isOsloLocalTime() {
        // issue #1119: the 16:00:00 List 3 was logged at 16:00:11 Norwegian time in December
        assertThat(instant("07e90c0e00100000ff000000", ListProfile.AIDON)).isEqualTo("2025-12-14T15:00:00Z");
        // the same bytes from another vendor mean UTC
        assertThat(instant("07e90c0e00100000ff000000", ListProfile.GENERIC_OBIS)).isEqualTo("2025-12-14T16:00:00Z");
    }

    @Test
    void instant_invalidStatusOrUnspecifiedFields_isAbsent() {
        assertThat(instant("07d00103010e000cff800003", ListProfile.KAIFA)).isNull();
        assertThat(instant("07e4011906ff000aff800000", ListProfile.KAIFA)).isNull();
        assertThat(instant("07e4023e060e000aff800000", ListProfile.KAIFA)).isNull();
    }
}
