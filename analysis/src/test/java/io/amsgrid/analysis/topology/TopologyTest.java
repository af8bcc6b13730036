package io.amsgrid.analysis.topology;

import io.amsgrid.analysis.unbalance.VoltageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    @TempDir
    Path dir;

    @Test
    void read_radialsSortedByPosition_voltageKindOptional() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, """
                # operator export
                transformer,feeder,position,meter,voltages
                NS1,R1,2,b,line
                NS1,R1,1,a,
                NS2,R1,1,c,phase
                """);
        Topology t = Topology.read(f);
        assertThat(t.radials().get("NS1/R1")).extracting(TopologyEntry::meterId).containsExactly("a", "b");
        assertThat(t.entry("b").orElseThrow().voltages()).isEqualTo(VoltageKind.LINE_TO_LINE);
        assertThat(t.entry("a").orElseThrow().voltages()).isEqualTo(VoltageKind.PHASE_TO_NEUTRAL);
        assertThat(t.transformers()).containsEntry("NS2", List.of("c"));
        Path copy = dir.resolve("copy.csv");
        t.write(copy);
        assertThat(Topology.read(copy)).isEqualTo(t);
    }

    @Test
    void read_badFiles_sayWhatAndWhere() throws IOException {
        Path noMeter = dir.resolve("a.csv");
        Files.writeString(noMeter, "transformer,feeder,position\nNS1,R1,1\n");
        assertThatThrownBy(() -> Topology.read(noMeter)).hasMessageContaining("a.csv:1").hasMessageContaining("'meter'");
        Path badPosition = dir.resolve("b.csv");
        Files.writeString(badPosition, "transformer,feeder,position,meter\nNS1,R1,first,m\n");
        assertThatThrownBy(() -> Topology.read(badPosition)).hasMessageContaining("b.csv:2");
        Path twice = dir.resolve("c.csv");
        Files.writeString(twice, "transformer,feeder,position,meter\nNS1,R1,1,m\nNS1,R1,2,m\n");
        assertThatThrownBy(() -> Topology.read(twice)).hasMessageContaining("meter m appears twice");
    }
}
