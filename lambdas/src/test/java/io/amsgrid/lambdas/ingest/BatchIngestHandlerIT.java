package io.amsgrid.lambdas.ingest;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.testing.Fixtures;
import io.amsgrid.lambdas.testing.LocalAws;
import io.amsgrid.lambdas.testing.Traffic;
import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQS batch handler against dynalite and s3proxy. */
class BatchIngestHandlerIT {
    static LocalAws aws;
    static BatchIngestHandler handler;

    @BeforeAll
    static void start() {
        aws = new LocalAws();
        handler = new BatchIngestHandler(aws.processor(), aws.metrics());
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void emptyTable() {
        aws.resetTable();
    }

    @Test
    void handleRequest_fixtureBatch_storesGoodDeadLettersBadReportsNoFailure() {
        SQSBatchResponse response = handler.handleRequest(Fixtures.sqsEvent("sqs-batch.json"), new LocalContext("batch"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        // avg + its duplicate + hr + pf: three distinct readings, plus "latest" items for avg and hr.
        assertThat(aws.scan()).extracting(i -> i.get("sk").s())
                .containsExactlyInAnyOrder("1700000000000", "1699999200000", "1700000090000", "latest", "latest");
        assertThat(aws.keys("dead-letter/BAD_CHECKSUM/")).hasSize(1);
        assertThat(aws.keys("dead-letter/BAD_EVENT/")).singleElement().asString().contains("/unknown-0-");
    }

    @Test
    void handleRequest_redeliveredBatch_writesNothingTwice() {
        SQSEvent batch = Fixtures.sqsEvent("sqs-batch.json");
        handler.handleRequest(batch, new LocalContext("batch"));
        int items = aws.scan().size();
        handler.handleRequest(batch, new LocalContext("batch"));
        assertThat(aws.scan()).hasSize(items);
    }

    @Test
    void handleRequest_batchesOf100WithDuplicates_tableHoldsDistinctReadings() {
        Traffic traffic = Traffic.generate(7, 1_000, 20, 0.10, 0.0);
        List<Map<String, Object>> events = traffic.events();
        for (int from = 0; from < events.size(); from += 100) {
            SQSBatchResponse response = handler.handleRequest(
                    Fixtures.sqsEventOf(events.subList(from, Math.min(events.size(), from + 100)), from), new LocalContext("batch"));
            assertThat(response.getBatchItemFailures()).isEmpty();
        }
        var readings = aws.scan().stream().filter(i -> !i.get("sk").s().equals("latest")).toList();
        assertThat(readings).hasSize(traffic.distinctGood().size());
        var latest = aws.processor().store().latest(MessageKind.AVG);
        assertThat(latest).hasSize(20);
    }
}
