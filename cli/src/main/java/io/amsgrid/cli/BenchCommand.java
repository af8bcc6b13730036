package io.amsgrid.cli;

import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.crc.Crc16X25;
import io.amsgrid.codec.meter.MeterReading;
import io.amsgrid.codec.meter.MeterReadingBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./amsgrid bench}: quick in-process measurements (JMH has the careful ones). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure codec hot paths.",
        subcommands = BenchCommand.Decode.class)
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./amsgrid bench decode --hex HEX}: warms up, then runs the hot path (frame + CRC +
     * decode + normalize, {@link HanDecoder#readFrame} into a reused {@link MeterReadingBuffer}) on
     * one HDLC frame for a few seconds and prints two lines read by tools:
     * {@code ns/frame <median over batches>} and {@code bytes/frame <heap allocated per frame>}.
     * Then, for people comparing, measured in the same run with batches interleaved:
     * {@code baseline-crc16-bytewise ns/frame <x>} (a plain byte-at-a-time table CRC-16 over the
     * same bytes: the yardstick) and {@code meter-reading ns/frame <x> bytes/frame <y>}
     * (the hot path plus building the immutable {@link MeterReading}). Time is the thread's CPU
     * time (ThreadMXBean), so a busy shared machine inflates it less than wall time.
     */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Hot path frame+CRC+decode+normalize on one HDLC frame; prints 'ns/frame N' and 'bytes/frame N'.")
    static final class Decode implements Callable<Integer> {
        private static final int BATCH = 500;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--hex", required = true, paramLabel = "HEX", description = "One complete HDLC frame 7E..7E.")
        String hex;

        @Option(names = "--key", paramLabel = "HEX", description = "Encryption key for ciphered frames.")
        String key;

        @Option(names = "--seconds", defaultValue = "3", description = "Measuring time in CPU seconds (default ${DEFAULT-VALUE}, after the warm-up).")
        double seconds;

        @Option(names = "--warmup", defaultValue = "2", description = "Warm-up in CPU seconds (default ${DEFAULT-VALUE}).")
        double warmupSeconds;

        static volatile Object sink;
        static volatile int intSink;

        /** One measured operation: CPU ns per frame of each batch, and the bytes it allocated. */
        private static final class Op {
            final Runnable body;
            final long[] samples = new long[100_000];
            int n;
            long bytes;
            long frames;

            Op(Runnable body) {
                this.body = body;
            }

            void batch(com.sun.management.ThreadMXBean threads, long thread) {
                long a0 = threads.getThreadAllocatedBytes(thread);
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCH; i++) {
                    body.run();
                }
                long t1 = threads.getCurrentThreadCpuTime();
                bytes += threads.getThreadAllocatedBytes(thread) - a0;
                frames += BATCH;
                if (n < samples.length) {
                    samples[n++] = (t1 - t0) / BATCH;
                }
            }

            long median() {
                long[] sorted = Arrays.copyOf(samples, n);
                Arrays.sort(sorted);
                return sorted[n / 2];
            }

            long bytesPerFrame() {
                return Math.round((double) bytes / frames);
            }
        }

        @Override
        public Integer call() {
            byte[] frame;
            try {
                frame = HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--hex is not hexadecimal");
            }
            SecurityKeys keys = SecurityKeys.ofHex(key, null);
            try {
                HanDecoder.readingOfFrame(frame, keys);
            } catch (HanDecodeException e) {
                spec.commandLine().getErr().println("amsgrid bench: the frame does not decode: " + e.layer() + " " + e.code()
                        + ": " + e.getMessage());
                return 1;
            }
            HdlcFrameView view = new HdlcFrameView();
            MeterReadingBuffer buffer = new MeterReadingBuffer();
            Op hotPath = new Op(() -> {
                HanDecoder.readFrame(view, frame, keys, buffer);
                intSink = buffer.presentMask();
            });
            Op crc = new Op(() -> intSink = Crc16X25.computeBytewise(frame, 0, frame.length));
            Op record = new Op(() -> {
                HanDecoder.readFrame(view, frame, keys, buffer);
                sink = buffer.toReading();
            });
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().threadId();
            // the hot path and the CRC interleaved (same load, same moment); the record path after,
            // so that its extra code does not change how the JIT compiles the hot path's first
            measure(List.of(hotPath, crc), threads, thread, (long) (warmupSeconds * 1e9), (long) (seconds * 1e9));
            measure(List.of(record), threads, thread, (long) (warmupSeconds * 1e9 / 2), (long) (seconds * 1e9 / 2));
            var out = spec.commandLine().getOut();
            out.println("ns/frame " + hotPath.median());
            out.println("bytes/frame " + hotPath.bytesPerFrame());
            out.println("baseline-crc16-bytewise ns/frame " + crc.median());
            out.println("meter-reading ns/frame " + record.median() + " bytes/frame " + record.bytesPerFrame());
            out.flush();
            return 0;
        }

        private static void measure(List<Op> ops, com.sun.management.ThreadMXBean threads, long thread, long warmupNanos,
                long nanos) {
            runFor(ops, threads, thread, warmupNanos);
            for (Op op : ops) { // the warm-up's samples do not count
                op.n = 0;
                op.bytes = 0;
                op.frames = 0;
            }
            runFor(ops, threads, thread, nanos);
        }

        /** Batches of each operation in turn for {@code nanos} of this thread's CPU time (wall time would be too short on a busy machine). */
        private static void runFor(List<Op> ops, com.sun.management.ThreadMXBean threads, long thread, long nanos) {
            long end = threads.getCurrentThreadCpuTime() + nanos;
            while (threads.getCurrentThreadCpuTime() < end) {
                for (Op op : ops) {
                    op.batch(threads, thread);
                }
            }
        }
    }
}
