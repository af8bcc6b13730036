package io.amsgrid.lambdas.export;

import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.ingest.IngestHandler;
import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.lambdas.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The export handler on the fixtures' readings: the CSV contract byte for byte. */
class ExportHandlerIT {
    static LocalAws aws;
    static ExportHandler handler;

    @BeforeAll
    static void start() {
        aws = new LocalAws();
        IngestHandler ingest = new IngestHandler(aws.processor(), aws.metrics());
        for (String fixture : new String[]{"avg-binary.json", "avg-json.json", "hr-binary.json", "pf-binary.json"}) {
            ingest.handleRequest(Fixtures.event(fixture), new LocalContext("ingest"));
        }
        handler = new ExportHandler(aws.settings, aws.clients);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void handleRequest_scheduledEvent_writesPreviousLocalDayExactly() {
        Map<String, Object> result = handler.handleRequest(Fixtures.event("export-scheduled.json"), new LocalContext("export"));

        assertThat(result).containsEntry("status", "OK").containsEntry("from", "2023-11-14").containsEntry("files", 3);
        assertThat(aws.object("csv/gw-0001/avg/2023-11-14.csv")).isEqualTo(
                "timestamp,activeImportW_avg,activeImportW_min,activeImportW_max,activeExportW_avg,activeExportW_min,"
                        + "activeExportW_max,reactiveImportVar_avg,reactiveImportVar_min,reactiveImportVar_max,"
                        + "reactiveExportVar_avg,reactiveExportVar_min,reactiveExportVar_max,currentL1A_avg,currentL1A_min,"
                        + "currentL1A_max,voltageL1V_avg,voltageL1V_min,voltageL1V_max,samples\n"
                        + "1700000000,1500,1000,2000" + ",,,".repeat(4) + ",230,229.5,230.5,6\n"
                        + "1700000060,1510.5,1001.25,2001" + ",,,".repeat(5) + ",6\n");
        assertThat(aws.object("csv/gw-0001/hr/2023-11-14.csv")).isEqualTo(
                "timestamp,activeImportWh,activeExportWh,reactiveImportVarh,reactiveExportVarh\n"
                        + "1699999200,123456789012,,5000,\n");
        assertThat(aws.object("csv/gw-0001/pf/2023-11-14.csv")).isEqualTo(
                "timestamp,voltageL1V,voltageL2V,voltageL3V\n"
                        + "1700000000,231.5,,\n"
                        + "1700000010,230,231,232\n");
    }

    @Test
    void handleRequest_runTwice_givesTheSameBytes() {
        Map<String, Object> onDemand = Fixtures.event("export-on-demand.json");
        handler.handleRequest(onDemand, new LocalContext("export"));
        String first = aws.object("csv/gw-0001/avg/2023-11-14.csv");
        handler.handleRequest(onDemand, new LocalContext("export"));
        assertThat(aws.object("csv/gw-0001/avg/2023-11-14.csv")).isEqualTo(first);
    }

    @Test
    void handleRequest_onDemandOneKindAndEmptyDay_writesOnlyWhatHasData() {
        Map<String, Object> result = handler.handleRequest(
                Map.of("thing", "gw-0001", "kind", "hr", "from", "2023-11-13", "to", "2023-11-15"), new LocalContext("export"));
        assertThat(result).containsEntry("status", "OK").containsEntry("files", 1).containsEntry("rows", 1L);
    }

    @Test
    void handleRequest_badRequest_isRejectedWithMessage() {
        Map<String, Object> result = handler.handleRequest(Map.of("from", "2023-11-14", "to", "yesterday"), new LocalContext("export"));
        assertThat(result).containsEntry("status", "REJECTED");
        assertThat((String) result.get("message")).contains("\"to\"").contains("yyyy-mm-dd");
    }
}
