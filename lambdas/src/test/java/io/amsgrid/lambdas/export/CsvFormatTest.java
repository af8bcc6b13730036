package io.amsgrid.lambdas.export;

import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.payload.AggregatePayload;
import io.amsgrid.codec.payload.PowerFailPayload;
import io.amsgrid.codec.payload.PowerFailReason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFormatTest {
    static AggregatePayload threePhase(long start) {
        Map<Measurement, AggregatePayload.Stats> stats = new EnumMap<>(Measurement.class);
        for (Measurement m : Measurement.values()) {
            if (m.isInstantaneous()) {
                stats.put(m, new AggregatePayload.Stats(m.ordinal() + 0.5f, m.ordinal(), m.ordinal() + 1, 6 + m.ordinal()));
            }
        }
        return new AggregatePayload(1, start, 1, null, stats);
    }

    @Test
    void aggregates_threePhase_hasAllThirtyColumnsInAppendixAOrder() {
        String csv = new String(CsvFormat.aggregates(List.of(threePhase(1_700_000_060L), threePhase(1_700_000_000L))), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertThat(lines[0]).startsWith("timestamp,activeImportW_avg,activeImportW_min,activeImportW_max,activeExportW_avg")
                .contains("currentL1A_avg,currentL1A_min,currentL1A_max,currentL2A_avg")
                .endsWith("voltageL3V_avg,voltageL3V_min,voltageL3V_max,samples");
        assertThat(lines[0].split(",")).hasSize(1 + 30 + 1);
        assertThat(lines[1]).startsWith("1700000000,0.5,0,1,1.5,1,2,").endsWith(",9.5,9,10,15");
        assertThat(lines[2]).startsWith("1700000060,");
    }

    @Test
    void aggregates_noL2OrL3InTheDay_usesSinglePhaseColumns() {
        AggregatePayload single = new AggregatePayload(1, 1_700_000_000L, 1, null, Map.of(
                Measurement.ACTIVE_IMPORT_W, new AggregatePayload.Stats(1.5e7f, 1e-5f, 2e7f, 30),
                Measurement.CURRENT_L1_A, new AggregatePayload.Stats(0.1f, 0.1f, 0.1f, 3)));
        String csv = new String(CsvFormat.aggregates(List.of(single)), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("timestamp,activeImportW_avg,activeImportW_min,activeImportW_max,activeExportW_avg,"
                + "activeExportW_min,activeExportW_max,reactiveImportVar_avg,reactiveImportVar_min,reactiveImportVar_max,"
                + "reactiveExportVar_avg,reactiveExportVar_min,reactiveExportVar_max,currentL1A_avg,currentL1A_min,currentL1A_max,"
                + "voltageL1V_avg,voltageL1V_min,voltageL1V_max,samples\n"
                + "1700000000,15000000,0.00001,20000000,,,,,,,,,,0.1,0.1,0.1,,,,30\n");
    }

    @Test
    void aggregates_sameRowsInAnyOrder_giveTheSameBytes() {
        assertThat(CsvFormat.aggregates(List.of(threePhase(2), threePhase(1))))
                .isEqualTo(CsvFormat.aggregates(List.of(threePhase(1), threePhase(2))));
    }

    @Test
    void powerFails_millisecondSampleTimes_areFractionalSeconds() {
        PowerFailPayload pf = new PowerFailPayload(1, 1_700_000_090_500L, PowerFailReason.SILENCE, null, List.of(
                new PowerFailPayload.VoltageSample(1_700_000_000_250L, Map.of(Measurement.VOLTAGE_L1_V, 229.9f)),
                new PowerFailPayload.VoltageSample(1_700_000_010_000L, Map.of(Measurement.VOLTAGE_L1_V, 0f))));
        assertThat(new String(CsvFormat.powerFails(List.of(pf)), StandardCharsets.UTF_8))
                .isEqualTo("timestamp,voltageL1V\n1700000000.25,229.9\n1700000010,0\n");
    }
}
