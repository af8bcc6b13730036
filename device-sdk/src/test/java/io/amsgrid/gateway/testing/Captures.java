package io.amsgrid.gateway.testing;

import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.HanFormat;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.meter.Measurement;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.gateway.source.CaptureFormat;
import io.amsgrid.gateway.source.Chunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds captures of real frames with chosen arrival times and the aggregates they must give. */
public final class Captures {
    private Captures() {
    }

    /** A frame of a capture with its arrival time. */
    public record Timed(Instant at, TestVectors.Frame frame) {
    }

    /** Expected window: start epoch second -> per measurement {count, sum, min, max}. */
    public record Expected(long startEpochS, Map<Measurement, double[]> stats) {
    }

    /** Frames cycling through {@code frames}, one every {@code everySeconds} from {@code start}. */
    public static List<Timed> schedule(Instant start, int everySeconds, int count, List<TestVectors.Frame> frames) {
        List<Timed> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Timed(start.plusSeconds((long) i * everySeconds), frames.get(i % frames.size())));
        }
        return out;
    }

    /**
     * Writes a capture; each frame is split over two lines (the second 50 ms later) to exercise
     * reassembly across chunks. The frame then arrives at {@code at + 50 ms}.
     */
    public static Path write(Path file, List<Timed> timed) {
        List<String> lines = new ArrayList<>();
        for (Timed t : timed) {
            byte[] b = t.frame().bytes();
            int half = b.length / 2;
            lines.add(CaptureFormat.line(new Chunk(t.at(), Arrays.copyOfRange(b, 0, half))));
            lines.add(CaptureFormat.line(new Chunk(t.at().plusMillis(50), Arrays.copyOfRange(b, half, b.length))));
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The reading the codec gives for a frame (independently of the gateway). */
    public static MeterReading reading(TestVectors.Frame f) {
        return HanDecoder.decode(HanFormat.LLC_DLMS, HdlcFrameReader.readFrames(f.bytes()).getFirst().information(),
                SecurityKeys.NONE).reading();
    }

    /** The windows the frames must produce, keyed by start; computed here, not by the gateway. */
    public static TreeMap<Long, Expected> windows(List<Timed> timed, int intervalMinutes) {
        TreeMap<Long, Expected> out = new TreeMap<>();
        long len = intervalMinutes * 60L;
        for (Timed t : timed) {
            long start = Math.floorDiv(t.at().plusMillis(50).getEpochSecond(), len) * len;
            Expected e = out.computeIfAbsent(start, s -> new Expected(s, new EnumMap<>(Measurement.class)));
            reading(t.frame()).values().forEach((m, v) -> {
                if (m.isInstantaneous()) {
                    double[] s = e.stats().computeIfAbsent(m, k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                    s[0]++;
                    s[1] += v;
                    s[2] = Math.min(s[2], v);
                    s[3] = Math.max(s[3], v);
                }
            });
        }
        return out;
    }
}
