package io.amsgrid.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One clock for the ticks of many gateways in one JVM (a local fleet), instead of a sleeping thread
 * per gateway: every {@code period} one scheduler thread hands each registered tick to a runner
 * (virtual threads, see {@link GatewayThreads#fleet}), so a tick that blocks (a window's outbox
 * record is fsynced, a status file written) holds up only its own gateway.
 *
 * <p>A gateway whose previous tick is still running when the next is due skips that tick (it is
 * counted in {@link #skippedTicks()}); the next one catches up, because a tick works from the
 * clock, not from the number of ticks. A tick that throws is logged and counted
 * ({@link #failedTicks()}); that gateway and all others keep ticking. After
 * {@link Registration#cancel()} returns, the tick does not run again and none is running.
 */
public final class GatewayTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayTicker.class);

    private final Duration period;
    private final ExecutorService runner;
    private final ScheduledExecutorService scheduler;
    private final Set<Registration> registered = ConcurrentHashMap.newKeySet();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    private GatewayTicker(Duration period, ExecutorService runner) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the tick period must be positive, not " + period);
        }
        this.period = period;
        this.runner = runner;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-ticker");
            t.setDaemon(true);
            return t;
        });
        long ms = period.toMillis();
        scheduler.scheduleWithFixedDelay(this::dispatch, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Ticks every {@code period}, each tick on a new virtual thread (JDK 24+: see {@link GatewayThreads#fleet}). */
    public static GatewayTicker start(Duration period) {
        return new GatewayTicker(period, GatewayThreads.virtualThreadsUnpinned()
                ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gateway-tick").factory())
                : Executors.newFixedThreadPool(4, Thread.ofPlatform().name("gateway-tick-", 0).daemon(true).factory()));
    }

    /** Ticks every {@code period} on {@code runner} (closed with the ticker). */
    public static GatewayTicker start(Duration period, ExecutorService runner) {
        return new GatewayTicker(period, runner);
    }

    public Duration period() {
        return period;
    }

    /** Runs {@code tick} every period from the next one on, until the registration is cancelled. */
    public Registration register(String name, Runnable tick) {
        if (closed) {
            throw new IllegalStateException("the gateway ticker is closed");
        }
        Registration r = new Registration(name, tick);
        registered.add(r);
        return r;
    }

    private void dispatch() {
        for (Registration r : registered) {
            if (r.cancelled || !r.due.compareAndSet(false, true)) {
                if (!r.cancelled) {
                    skipped.incrementAndGet();
                }
                continue;
            }
            try {
                runner.execute(r::run);
            } catch (RejectedExecutionException e) {
                r.due.set(false); // closing
                return;
            }
        }
    }

    /** Ticks run so far (all gateways). */
    public long ticks() {
        return ticks.get();
    }

    /** Ticks left out because that gateway's previous tick was still running. */
    public long skippedTicks() {
        return skipped.get();
    }

    /** Ticks that threw. */
    public long failedTicks() {
        return failed.get();
    }

    /** Gateways ticked. */
    public int size() {
        return registered.size();
    }

    /** Stops ticking; registrations left are cancelled (waiting for running ticks up to 5 s). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        registered.forEach(Registration::cancel);
        runner.shutdown();
        try {
            if (!runner.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("gateway ticks still running 5 s after the ticker was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One gateway's tick. */
    public final class Registration {
        private final String name;
        private final Runnable tick;
        private final AtomicBoolean due = new AtomicBoolean();
        private final ReentrantLock running = new ReentrantLock();
        private volatile boolean cancelled;

        private Registration(String name, Runnable tick) {
            this.name = name;
            this.tick = tick;
        }

        private void run() {
            running.lock();
            try {
                if (!cancelled) {
                    ticks.incrementAndGet();
                    tick.run();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.error("tick of {}: {}", name, e.toString());
            } finally {
                due.set(false);
                running.unlock();
            }
        }

        /**
         * Stops this tick: when this returns, a tick that was running has finished and none starts
         * again. Not to be called from the tick itself.
         */
        public void cancel() {
            cancelled = true;
            registered.remove(this);
            running.lock();   // waits for a running tick
            running.unlock();
        }
    }
}
