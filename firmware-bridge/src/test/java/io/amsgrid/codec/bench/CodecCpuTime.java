package io.amsgrid.codec.bench;

import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.hdlc.HdlcFrame;
import io.amsgrid.codec.hdlc.HdlcFrameReader;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.hdlc.HdlcListener;
import io.amsgrid.codec.hdlc.HdlcReject;
import io.amsgrid.codec.testing.Vectors;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The {@link CodecBenchmark} operations timed in thread CPU time instead of wall time, for a
 * shared, loaded machine where JMH's wall-clock figures mostly measure the other builds: median
 * over batches of the CPU nanoseconds per operation, and heap bytes allocated per operation.
 * Run with {@code scripts/bench-codec.sh --cpu}. Output is this tool's user interface.
 */
public final class CodecCpuTime {
    private static final int BATCH = 2_000;
    private static int sink;

    private CodecCpuTime() {
    }

    public static void main(String[] args) {
        byte[] frame = Vectors.byId("se-kamstrup-l2-3ph-amshan-hdlc").bytes();
        HdlcFrameView view = new HdlcFrameView();
        int[] seen = new int[1];
        HdlcFrameReader viewReader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame f) {
                throw new IllegalStateException("view method overridden");
            }

            @Override
            public void onFrame(HdlcFrameView v) {
                seen[0] += v.informationLength();
            }

            @Override
            public void onReject(HdlcReject r) {
                throw new IllegalStateException(r.toString());
            }
        });
        HdlcFrameReader copyReader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame f) {
                seen[0] += f.information().length;
            }

            @Override
            public void onReject(HdlcReject r) {
                throw new IllegalStateException(r.toString());
            }
        });
        Map<String, IntSupplier> ops = new LinkedHashMap<>();
        ops.put("crcTableBytewise", () -> Crc16X25.computeBytewise(frame, 0, frame.length));
        ops.put("crcSlicingBy4", () -> Crc16X25.computeSlicingBy4(frame, 0, frame.length));
        ops.put("crcSlicingBy8", () -> Crc16X25.computeSlicingBy8(frame, 0, frame.length));
        ops.put("crcSlicingBy16", () -> Crc16X25.compute(frame, 0, frame.length));
        ops.put("frameViewWrap", () -> view.wrap(frame, 0, frame.length).informationLength());
        ops.put("frameReaderView", () -> {
            viewReader.feed(frame, 0, frame.length);
            return seen[0];
        });
        ops.put("frameReader", () -> {
            copyReader.feed(frame, 0, frame.length);
            return seen[0];
        });
        ops.put("frameParse", () -> HdlcFrame.parse(frame).control());
        io.amsgrid.codec.meter.MeterReadingBuffer buffer = new io.amsgrid.codec.meter.MeterReadingBuffer();
        ops.put("decodeAndNormalize", () -> {
            io.amsgrid.codec.HanDecoder.readFrame(view, frame, io.amsgrid.codec.dlms.SecurityKeys.NONE, buffer);
            return buffer.presentMask();
        });
        ops.put("decodeToMeterReading", () -> io.amsgrid.codec.HanDecoder.readingOfFrame(view, frame,
                io.amsgrid.codec.dlms.SecurityKeys.NONE).values().size());
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        System.out.printf("%-20s %12s %12s%n", "operation", "cpu ns/op", "bytes/op");
        for (Map.Entry<String, IntSupplier> op : ops.entrySet()) {
            double[] r = measure(op.getValue(), seconds);
            System.out.printf("%-20s %12.1f %12.1f%n", op.getKey(), r[0], r[1]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double[] measure(IntSupplier op, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) threads;
        long warmEnd = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
        while (threads.getCurrentThreadCpuTime() < warmEnd) {
            batch(op);
        }
        long end = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
        double[] perOp = new double[100_000];
        int n = 0;
        long bytes0 = alloc.getCurrentThreadAllocatedBytes();
        long ops = 0;
        while (threads.getCurrentThreadCpuTime() < end && n < perOp.length) {
            long t0 = threads.getCurrentThreadCpuTime();
            batch(op);
            perOp[n++] = (threads.getCurrentThreadCpuTime() - t0) / (double) BATCH;
            ops += BATCH;
        }
        long bytes = alloc.getCurrentThreadAllocatedBytes() - bytes0;
        Arrays.sort(perOp, 0, n);
        return new double[] {perOp[n / 2], (double) bytes / ops};
    }

    private static void batch(IntSupplier op) {
        int s = 0;
        for (int i = 0; i < BATCH; i++) {
            s += op.getAsInt();
        }
        sink += s;
    }
}
