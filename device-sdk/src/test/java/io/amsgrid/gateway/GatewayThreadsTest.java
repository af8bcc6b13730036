package io.amsgrid.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayThreadsTest {

    @Test
    void own_threads_arePlatformThreads() {
        GatewayThreads own = GatewayThreads.own();
        assertThat(own.virtual()).isFalse();
        assertThat(own.thread("meter-source", false, false, () -> { }).isVirtual()).isFalse();
        assertThat(own.publisherThreads().newThread(() -> { }).isVirtual()).isFalse();
    }

    @Test
    void fleet_onThisJdk_virtualExceptForNativeBlockingWork() {
        try (GatewayTicker ticker = GatewayTicker.start(Duration.ofMillis(100))) {
            GatewayThreads fleet = GatewayThreads.fleet(ticker);
            assertThat(fleet.virtual()).isEqualTo(Runtime.version().feature() >= 24);
            assertThat(fleet.thread("meter-source", false, true, () -> { }).isVirtual()).isFalse();
            assertThat(fleet.thread("meter-source", false, false, () -> { }).isVirtual()).isEqualTo(fleet.virtual());
        }
    }

    @Test
    void callbackExecutor_fleet_runsCallbacksInOrderOnOneThread() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(Duration.ofMillis(100))) {
            ExecutorService callbacks = GatewayThreads.fleet(ticker).callbackExecutor();
            StringBuilder order = new StringBuilder();
            AtomicReference<Thread> first = new AtomicReference<>();
            AtomicBoolean oneThread = new AtomicBoolean(true);
            for (int i = 0; i < 50; i++) {
                int n = i;
                callbacks.execute(() -> {
                    first.compareAndSet(null, Thread.currentThread());
                    oneThread.compareAndSet(true, first.get() == Thread.currentThread());
                    order.append(n).append(',');
                });
            }
            callbacks.shutdown();
            assertThat(callbacks.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order.toString()).startsWith("0,1,2,3,").endsWith("48,49,");
            assertThat(oneThread).isTrue();
        }
    }

    @Test
    void startTicking_own_ticksUntilStoppedAndStopWaitsForRunningTick() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        AtomicBoolean interrupted = new AtomicBoolean();
        GatewayThreads.Ticking t = GatewayThreads.own().startTicking("g", Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            twice.countDown();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                interrupted.set(true); // a stop must not interrupt a running tick
            }
        });
        assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();
        t.stop();
        int atStop = runs.get();
        Thread.sleep(100);
        assertThat(runs.get()).isEqualTo(atStop);
        assertThat(interrupted).isFalse();
    }
}
