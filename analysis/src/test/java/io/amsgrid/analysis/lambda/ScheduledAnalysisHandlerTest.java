package io.amsgrid.analysis.lambda;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledAnalysisHandlerTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void reportDate_scheduledEventTime_isThePreviousLocalDay() {
        // 23:30 UTC on the 28th is 01:30 on the 29th in Oslo: report the 28th
        assertThat(ScheduledAnalysisHandler.reportDate(Map.of("time", "2026-04-28T23:30:00Z"), OSLO))
                .isEqualTo(LocalDate.of(2026, 4, 28));
    }

    @Test
    void reportDate_onDemandDate_usedAsGivenOrRejectedWithReason() {
        assertThat(ScheduledAnalysisHandler.reportDate(Map.of("date", "2026-05-02"), OSLO)).isEqualTo(LocalDate.of(2026, 5, 2));
        assertThatThrownBy(() -> ScheduledAnalysisHandler.reportDate(Map.of("date", "02.05.2026"), OSLO))
                .hasMessageContaining("yyyy-mm-dd");
    }

    @Test
    void settings_missingBucket_namesTheVariable() {
        assertThatThrownBy(() -> AnalysisSettings.fromEnvironment(Map.of())).hasMessageContaining("DATA_BUCKET");
        AnalysisSettings s = AnalysisSettings.fromEnvironment(Map.of("DATA_BUCKET", "b"));
        assertThat(s.reportPrefix()).isEqualTo("reports/");
        assertThat(s.days()).isEqualTo(7);
    }
}
