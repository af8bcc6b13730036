package io.amsgrid.codec.bench;

import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.testing.Vectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The codec hot path on the 228-byte Kamstrup List 2 frame ({@code se-kamstrup-l2-3ph-amshan-hdlc},
 * amshan, MIT): the plain table CRC (the yardstick of issue 2), the slicing-by-8 CRC, and framing.
 * Add the full path as a further method, e.g. {@code decodeAndNormalize(Blackhole)} using
 * {@link #frame}. Command and figures: docs/benchmarks.md, section "Codec".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    /** The complete frame, flag to flag. */
    public byte[] frame;
    private HdlcFrameReader reader;
    private HdlcFrameReader viewReader;
    private final HdlcFrameView view = new HdlcFrameView();
    private final io.amsgrid.codec.meter.MeterReadingBuffer buffer = new io.amsgrid.codec.meter.MeterReadingBuffer();
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        frame = Vectors.byId("se-kamstrup-l2-3ph-amshan-hdlc").bytes();
        if (frame.length != 228) {
            throw new IllegalStateException("expected the 228-byte Kamstrup frame, got " + frame.length);
        }
        sink = blackhole;
        reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame f) {
                sink.consume(f);
            }

            @Override
            public void onReject(HdlcReject r) {
                throw new IllegalStateException(r.toString());
            }
        });
        viewReader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame f) {
                throw new IllegalStateException("view method overridden");
            }

            @Override
            public void onFrame(HdlcFrameView v) {
                sink.consume(v.informationLength());
                sink.consume(v.buffer()[v.informationOffset()]);
            }

            @Override
            public void onReject(HdlcReject r) {
                throw new IllegalStateException(r.toString());
            }
        });
    }

    /** Yardstick: byte-at-a-time table CRC-16/X.25 over all 228 bytes. */
    @Benchmark
    public int crcTableBytewise() {
        return Crc16X25.computeBytewise(frame, 0, frame.length);
    }

    /** Slicing-by-8 CRC-16/X.25 over all 228 bytes. */
    @Benchmark
    public int crcSlicingBy8() {
        return Crc16X25.computeSlicingBy8(frame, 0, frame.length);
    }

    @Benchmark
    public int crcSlicingBy4() {
        return Crc16X25.computeSlicingBy4(frame, 0, frame.length);
    }

    /** Slicing-by-16 CRC-16/X.25 over all 228 bytes (what {@code Crc16X25.compute} uses). */
    @Benchmark
    public int crcSlicingBy16() {
        return Crc16X25.compute(frame, 0, frame.length);
    }

    /** Stream reader: copy in, hunt, header + HCS, FCS, deliver (allocates only the delivered frame). */
    @Benchmark
    public void frameReader() {
        reader.feed(frame, 0, frame.length);
    }

    /** Stream reader with a listener that reads the frame in place: no allocation at all. */
    @Benchmark
    public void frameReaderView() {
        viewReader.feed(frame, 0, frame.length);
    }

    /** One-shot check of a complete frame in place (HCS, FCS, flags), no allocation. */
    @Benchmark
    public int frameViewWrap() {
        return view.wrap(frame, 0, frame.length).informationLength();
    }

    /**
     * The whole hot path: frame + CRC check (in place), LLC, data-notification, Kamstrup list
     * recognition and scaling, normalization into a reused MeterReadingBuffer (no allocation).
     */
    @Benchmark
    public int decodeAndNormalize() {
        HanDecoder.readFrame(view, frame, SecurityKeys.NONE, buffer);
        return buffer.presentMask();
    }

    /** The same, to the immutable MeterReading (what {@code HanDecoder.readingOfFrame} returns). */
    @Benchmark
    public MeterReading decodeToMeterReading() {
        return HanDecoder.readingOfFrame(view, frame, SecurityKeys.NONE);
    }

    /** One-shot parse of a complete frame (what a decode-one-frame path calls). */
    @Benchmark
    public HdlcFrame frameParse() {
        return HdlcFrame.parse(frame);
    }
}
