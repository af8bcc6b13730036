package io.amsgrid.localrun.feed;

import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.gateway.source.Chunk;
import io.amsgrid.local.meter.SimulatedMeter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One simulated meter's HAN line held in memory instead of a serial port: the meter side
 * {@link #send}s whole frames, the gateway reads them through {@link #gatewayEnd()} (a
 * {@link ByteSource}, so the bytes go through the gateway's own HDLC, DLMS and aggregation code),
 * each chunk stamped with the gateway's clock at the moment it reads it, as a serial source does.
 * For every frame read, {@code onRead} gets the frame and that read instant (the oracle and the
 * clock-lag figures use it).
 */
public final class MemoryPipe {
    /** What the gateway read, and when by its clock. */
    public interface ReadListener {
        void onRead(SimulatedMeter.Frame frame, Instant readAt);
    }

    private final String name;
    private final Clock clock;
    private final ReadListener onRead;
    /**
     * Frames the line holds unread before the meter side waits, like a serial line's buffer: a
     * gateway that cannot keep up holds its meter back (the lag shows it) instead of the unread
     * frames piling up in memory.
     */
    public static final int CAPACITY_FRAMES = 64;

    private final BlockingQueue<SimulatedMeter.Frame> line = new LinkedBlockingQueue<>(CAPACITY_FRAMES);

    public MemoryPipe(String name, Clock clock, ReadListener onRead) {
        this.name = name;
        this.clock = clock;
        this.onRead = onRead;
    }

    /** The meter pushes one frame; waits while {@link #CAPACITY_FRAMES} frames are unread. */
    public void send(SimulatedMeter.Frame frame) throws InterruptedException {
        line.put(frame);
    }

    /** Frames sent and not yet read. */
    public int pending() {
        return line.size();
    }

    /** Drops the frames not yet read (the end of a run); returns how many. */
    public int discardUnread() {
        java.util.List<SimulatedMeter.Frame> dropped = new java.util.ArrayList<>();
        line.drainTo(dropped);
        return dropped.size();
    }

    /** A new reader of this line for a gateway (a restarted gateway gets a new one). */
    public ByteSource gatewayEnd() {
        return new Reader();
    }

    private final class Reader implements ByteSource {
        private volatile boolean closed;
        private volatile Thread reading;

        @Override
        public boolean run(Consumer<Chunk> sink) throws InterruptedException {
            reading = Thread.currentThread();
            try {
                while (!closed) {
                    SimulatedMeter.Frame f = line.take(); // close() interrupts this
                    Instant at = clock.instant();
                    sink.accept(new Chunk(at, f.bytes()));
                    onRead.onRead(f, at);
                }
                return false;
            } finally {
                reading = null;
            }
        }

        @Override
        public boolean suitsVirtualThread() {
            return true; // a queue: a virtual thread waits in it for free
        }

        @Override
        public String describe() {
            return "memory pipe " + name;
        }

        @Override
        public void close() {
            closed = true;
            Thread t = reading;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
