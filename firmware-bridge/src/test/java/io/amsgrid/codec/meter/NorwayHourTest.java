package io.amsgrid.codec.meter;

import io.amsgrid.codec.dlms.CosemDateTime;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NorwayHourTest {

    @Test
    void instant_everyHourOfThreeYearsWithDstChanges_sameAsZoneRules() {
        Random r = new Random(3);
        int checked = 0;
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.getYear() < 2026; d = d.plusDays(1)) {
            for (int hour = 0; hour < 24; hour++) {
                for (int status : new int[] {0x00, 0x80, 0xFF}) {
                    CosemDateTime c = new CosemDateTime(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 0xFF, hour,
                            r.nextInt(60), r.nextInt(60), r.nextBoolean() ? 0xFF : r.nextInt(100),
                            CosemDateTime.DEVIATION_NOT_SPECIFIED, status);
                    assertThat(MeterTimeRule.instant(c, ListProfile.KAMSTRUP)).as("%s", c)
                            .isEqualTo(c.toInstant(MeterTimeRule.NORWAY, false));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3 * 365 * 24 * 3);
    }

    @Test
    void epochDay_wideRangeOfDates_sameAsLocalDate() {
        for (LocalDate d = LocalDate.of(1599, 12, 25); d.getYear() < 2501; d = d.plusDays(7)) {
            assertThat(NorwayHour.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as("%s", d).isEqualTo(d.toEpochDay());
        }
        assertThat(NorwayHour.epochDay(0, 2, 29)).isEqualTo(LocalDate.of(0, 2, 29).toEpochDay());
    }
}
