package io.amsgrid.gateway;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a {@link Gateway}'s work runs: the blocking read of its meter source, its 100 ms tick, the
 * outbox publisher and the MQTT callbacks.
 *
 * <ul>
 *   <li>{@link #own()} (the default, what {@code GatewayMain} runs on a Raspberry Pi): four platform
 *       threads of its own, the tick a thread sleeping 100 ms.</li>
 *   <li>{@link #fleet(GatewayTicker)} (many gateways in one JVM, e.g. {@code ./amsgrid local}): the
 *       ticks come from one shared {@link GatewayTicker}; the source read (when the source
 *       {@link io.amsgrid.gateway.source.ByteSource#suitsVirtualThread() suits it}), the publisher
 *       and the callbacks run on virtual threads, which cost nothing while they wait.</li>
 * </ul>
 *
 * <p>Virtual threads are used only on a JDK whose virtual threads do not pin their carrier inside
 * {@code synchronized} and {@code Object.wait} (JDK 24 and later, JEP 491): the gateway holds its
 * lock while it writes the outbox, and the IoT connection waits on a monitor. On JDK 21-23 the
 * fleet runs the same work on platform threads (still one shared tick).
 */
public final class GatewayThreads {
    private final GatewayTicker ticker;  // null: own tick thread
    private final boolean virtual;

    private GatewayThreads(GatewayTicker ticker, boolean virtual) {
        this.ticker = ticker;
        this.virtual = virtual;
    }

    /** Platform threads of the gateway's own, ticking on its own thread: the production gateway. */
    public static GatewayThreads own() {
        return new GatewayThreads(null, false);
    }

    /** For one of many gateways in this JVM: ticks from {@code ticker}, virtual threads where they fit. */
    public static GatewayThreads fleet(GatewayTicker ticker) {
        return new GatewayThreads(ticker, virtualThreadsUnpinned());
    }

    /** True on JDK 24 and later, where {@code synchronized} and {@code Object.wait} do not pin a virtual thread. */
    static boolean virtualThreadsUnpinned() {
        return Runtime.version().feature() >= 24;
    }

    /** True when the work runs on virtual threads. */
    public boolean virtual() {
        return virtual;
    }

    /**
     * An unstarted thread for long-running gateway work; {@code platformOnly} for work that blocks
     * in native code (a serial port read), which would hold a virtual thread's carrier.
     */
    Thread thread(String name, boolean daemon, boolean platformOnly, Runnable work) {
        if (virtual && !platformOnly) {
            return Thread.ofVirtual().name(name).unstarted(work);
        }
        return Thread.ofPlatform().name(name).daemon(daemon).unstarted(work);
    }

    /** Threads for the outbox publisher. */
    ThreadFactory publisherThreads() {
        return virtual ? Thread.ofVirtual().name("outbox-publisher").factory()
                : Thread.ofPlatform().name("outbox-publisher").daemon(true).factory();
    }

    /** The IoT connection's callback executor: one thread, so callbacks run in order. */
    ExecutorService callbackExecutor() {
        return Executors.newSingleThreadExecutor(virtual ? Thread.ofVirtual().name("iot-callbacks").factory()
                : Thread.ofPlatform().name("iot-callbacks").daemon(true).factory());
    }

    /** Starts calling {@code tick} every {@code period} (a shared ticker has its own period). */
    Ticking startTicking(String name, Duration period, Runnable tick) {
        if (ticker != null) {
            GatewayTicker.Registration r = ticker.register(name, tick);
            return r::cancel;
        }
        return new OwnTick(period, tick);
    }

    /**
     * A platform thread sleeping {@code period} between ticks. Stopping never interrupts a running
     * tick (an interrupt would close the file channel of an outbox write): it waits for it, then
     * interrupts the sleep.
     */
    private static final class OwnTick implements Ticking {
        private final ReentrantLock ticking = new ReentrantLock();
        private final Thread thread;
        private volatile boolean stopped;

        OwnTick(Duration period, Runnable tick) {
            thread = Thread.ofPlatform().name("gateway-tick").daemon(true).start(() -> {
                while (true) {
                    try {
                        Thread.sleep(period);
                    } catch (InterruptedException e) {
                        return;
                    }
                    ticking.lock();
                    try {
                        if (stopped) {
                            return;
                        }
                        tick.run();
                    } finally {
                        ticking.unlock();
                    }
                }
            });
        }

        @Override
        public void stop() {
            stopped = true;
            ticking.lock();
            try {
                thread.interrupt();
            } finally {
                ticking.unlock();
            }
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A running tick; {@link #stop()} returns when no tick runs and none will. */
    interface Ticking {
        void stop();
    }
}
