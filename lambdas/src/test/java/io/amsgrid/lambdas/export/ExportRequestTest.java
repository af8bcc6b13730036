package io.amsgrid.lambdas.export;

import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportRequestTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void parse_scheduledEvent_isThePreviousLocalDayForAllThingsAndKinds() {
        ExportRequest r = ExportRequest.parse(Fixtures.event("export-scheduled.json"), OSLO);
        assertThat(r).isEqualTo(new ExportRequest(LocalDate.of(2023, 11, 14), LocalDate.of(2023, 11, 14), null, ExportRequest.CSV_KINDS));
    }

    @Test
    void parse_scheduledJustAfterUtcMidnight_usesTheLocalDate() {
        // 2023-11-14T23:30Z is already 2023-11-15 in Oslo: the previous local day is the 14th.
        ExportRequest r = ExportRequest.parse(Map.of("source", "aws.events", "time", "2023-11-14T23:30:00Z"), OSLO);
        assertThat(r.from()).isEqualTo(LocalDate.of(2023, 11, 14));
    }

    @Test
    void parse_onDemand_readsThingKindAndRange() {
        ExportRequest r = ExportRequest.parse(Map.of("thing", "gw-7", "kind", "pf", "from", "2023-11-01", "to", "2023-11-30"), OSLO);
        assertThat(r).isEqualTo(new ExportRequest(LocalDate.of(2023, 11, 1), LocalDate.of(2023, 11, 30), "gw-7", List.of(MessageKind.PF)));
    }

    @Test
    void parse_badRequests_sayWhatIsWrong() {
        assertThatThrownBy(() -> ExportRequest.parse(Map.of(), OSLO)).hasMessageContaining("\"from\" is required");
        assertThatThrownBy(() -> ExportRequest.parse(Map.of("from", "2023-11-02", "to", "2023-11-01"), OSLO)).hasMessageContaining("before");
        assertThatThrownBy(() -> ExportRequest.parse(Map.of("from", "2020-01-01", "to", "2023-11-01"), OSLO)).hasMessageContaining("366");
        assertThatThrownBy(() -> ExportRequest.parse(Map.of("from", "2023-11-01", "to", "2023-11-01", "kind", "raw"), OSLO))
                .hasMessageContaining("avg, hr or pf");
    }
}
