package io.amsgrid.analysis.sim;

import io.amsgrid.analysis.csv.AmsCsvWriter;
import io.amsgrid.analysis.csv.MeterSeries;
import io.amsgrid.analysis.topology.Topology;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * A simulation's output: the meters' series (what the real system would store), the topology as
 * recorded (with the injected errors), the true topology, and the ground truth.
 */
public record SimResult(SimConfig config, List<MeterSeries> meters, Topology recordedTopology, Topology trueTopology,
                        GroundTruth truth) {

    /**
     * Writes {@code out/csv/<meter>/avg/<date>.csv} (the amsgrid CSV contract),
     * {@code out/topology.csv} (as recorded, with errors), {@code out/topology-true.csv} and
     * {@code out/truth.json}.
     */
    public void write(Path out) throws IOException {
        Path csv = out.resolve("csv");
        Files.createDirectories(csv);
        ZoneId zone = config.zone();
        for (MeterSeries m : meters) {
            AmsCsvWriter.writeAvg(csv, m, zone);
        }
        recordedTopology.write(out.resolve("topology.csv"));
        trueTopology.write(out.resolve("topology-true.csv"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("truth.json").toFile(), truth);
    }
}
