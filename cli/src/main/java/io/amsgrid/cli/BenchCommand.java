package io.amsgrid.cli;

import io.amsgrid.codec.HanDecodeException;
import io.amsgrid.codec.HanDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.codec.hdlc.HdlcFrameView;
import io.amsgrid.codec.meter.MeterReading;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
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
     * {@code ./amsgrid bench decode --hex HEX}: warms up, then runs frame + CRC + decode +
     * normalize on one HDLC frame for a few seconds and prints exactly two lines (read by tools):
     * {@code ns/frame <median over batches>} and {@code bytes/frame <heap allocated per frame>}.
     * Time is the thread's CPU time (ThreadMXBean), so a busy shared machine does not inflate it.
     */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Hot path frame+CRC+decode+normalize on one HDLC frame; prints 'ns/frame N' and 'bytes/frame N'.")
    static final class Decode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--hex", required = true, paramLabel = "HEX", description = "One complete HDLC frame 7E..7E.")
        String hex;

        @Option(names = "--key", paramLabel = "HEX", description = "Encryption key for ciphered frames.")
        String key;

        @Option(names = "--seconds", defaultValue = "3", description = "Measuring time in CPU seconds (default ${DEFAULT-VALUE}, after 2 CPU seconds of warm-up).")
        double seconds;

        @Option(names = "--warmup", defaultValue = "2", description = "Warm-up in CPU seconds (default ${DEFAULT-VALUE}).")
        double warmupSeconds;

        static volatile Object sink;

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
            runFor(view, frame, keys, (long) (warmupSeconds * 1e9));
            var cpu = ManagementFactory.getThreadMXBean();
            long deadline = cpu.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
            int batch = 500;
            long[] samples = new long[100_000];
            int n = 0;
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().threadId();
            long allocated = 0;
            long frames = 0;
            while (cpu.getCurrentThreadCpuTime() < deadline && n < samples.length) {
                long a0 = threads.getThreadAllocatedBytes(thread);
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    MeterReading r = HanDecoder.readingOfFrame(view, frame, keys);
                    sink = r;
                }
                long t1 = threads.getCurrentThreadCpuTime();
                allocated += threads.getThreadAllocatedBytes(thread) - a0;
                frames += batch;
                samples[n++] = (t1 - t0) / batch;
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            var out = spec.commandLine().getOut();
            out.println("ns/frame " + sorted[n / 2]);
            out.println("bytes/frame " + Math.round((double) allocated / frames));
            out.flush();
            return 0;
        }

        /** Warm-up: {@code nanos} of this thread's CPU time (wall time would be too short on a busy machine). */
        private static void runFor(HdlcFrameView view, byte[] frame, SecurityKeys keys, long nanos) {
            var threads = ManagementFactory.getThreadMXBean();
            long end = threads.getCurrentThreadCpuTime() + nanos;
            while (threads.getCurrentThreadCpuTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    sink = HanDecoder.readingOfFrame(view, frame, keys);
                }
            }
        }
    }
}
