package io.amsgrid.analysis.topology;

import io.amsgrid.analysis.unbalance.VoltageKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A topology file: the grid operator's record of which transformer and radial each meter hangs on
 * and in what order. Format (CSV, header required, '#' starts a comment line):
 * <pre>
 * transformer,feeder,position,meter[,voltages]
 * NS1,R1,1,ams-0007,phase
 * NS1,R1,2,ams-0012
 * </pre>
 * {@code position} 1 is nearest the transformer; {@code voltages} is {@code phase} (TN grid,
 * phase-to-neutral, the default) or {@code line} (IT grid, line-to-line).
 */
public record Topology(List<TopologyEntry> entries) {

    public Topology {
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (TopologyEntry e : entries) {
            if (!seen.add(e.meterId())) {
                throw new IllegalArgumentException("meter " + e.meterId() + " appears twice in the topology");
            }
        }
    }

    public static Topology read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<TopologyEntry> out = new ArrayList<>();
        String[] header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                for (String need : List.of("transformer", "feeder", "position", "meter")) {
                    if (indexOf(header, need) < 0) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": header needs the column '" + need
                                + "' (transformer,feeder,position,meter[,voltages])");
                    }
                }
                continue;
            }
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + cells.length
                        + " cells, the header has " + header.length);
            }
            try {
                int v = indexOf(header, "voltages");
                VoltageKind kind = v < 0 || cells[v].isBlank() ? VoltageKind.PHASE_TO_NEUTRAL : VoltageKind.parse(cells[v]);
                out.add(new TopologyEntry(cells[indexOf(header, "transformer")].trim(),
                        cells[indexOf(header, "feeder")].trim(),
                        Integer.parseInt(cells[indexOf(header, "position")].trim()),
                        cells[indexOf(header, "meter")].trim(), kind));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Topology(out);
    }

    public void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("transformer,feeder,position,meter,voltages\n");
        for (TopologyEntry e : entries) {
            sb.append(e.transformer()).append(',').append(e.feeder()).append(',').append(e.position()).append(',')
                    .append(e.meterId()).append(',')
                    .append(e.voltages() == VoltageKind.LINE_TO_LINE ? "line" : "phase").append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<TopologyEntry> entry(String meterId) {
        return entries.stream().filter(e -> e.meterId().equals(meterId)).findFirst();
    }

    /** Radials by key ({@code transformer/feeder}), each sorted by position. */
    public Map<String, List<TopologyEntry>> radials() {
        Map<String, List<TopologyEntry>> out = new LinkedHashMap<>();
        for (TopologyEntry e : entries) {
            out.computeIfAbsent(e.radialKey(), k -> new ArrayList<>()).add(e);
        }
        out.values().forEach(l -> l.sort(Comparator.comparingInt(TopologyEntry::position)));
        return out;
    }

    /** Meter ids per transformer. */
    public Map<String, List<String>> transformers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (TopologyEntry e : entries) {
            out.computeIfAbsent(e.transformer(), k -> new ArrayList<>()).add(e.meterId());
        }
        return out;
    }
}
