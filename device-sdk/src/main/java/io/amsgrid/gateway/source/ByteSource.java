package io.amsgrid.gateway.source;

import java.io.IOException;
import java.util.function.Consumer;

/** Where the meter's bytes come from: a serial port, a TCP stream, or a capture file. */
public interface ByteSource extends AutoCloseable {

    /**
     * Reads until the source ends or {@link #close()} is called, handing every chunk to
     * {@code sink} on the calling thread.
     *
     * @return true if the source ended by itself (end of a capture, peer closed the connection)
     */
    boolean run(Consumer<Chunk> sink) throws IOException, InterruptedException;

    /** For the logs and the status line. */
    String describe();

    /** True when the source's timestamps are the clock (capture replay), not the wall clock. */
    default boolean isReplay() {
        return false;
    }

    /**
     * True when {@link #run} blocks only in ways a virtual thread can wait in without holding its
     * carrier (Java I/O, queues, sleeps), so a gateway in a fleet may read it on a virtual thread;
     * false (the default) for reads that block in native code, such as a serial port driver.
     */
    default boolean suitsVirtualThread() {
        return false;
    }

    @Override
    void close();
}
