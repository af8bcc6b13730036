package io.amsgrid.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayTickerTest {
    private static final Duration PERIOD = Duration.ofMillis(20);

    @Test
    void register_manyGateways_everyOneTicksRepeatedly() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(PERIOD)) {
            List<AtomicInteger> counts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                AtomicInteger n = new AtomicInteger();
                counts.add(n);
                ticker.register("g" + i, n::incrementAndGet);
            }
            awaitTrue(() -> counts.stream().allMatch(n -> n.get() >= 3));
            assertThat(ticker.size()).isEqualTo(1000);
            assertThat(ticker.failedTicks()).isZero();
        }
    }

    @Test
    void register_oneTickThrows_othersAndItselfKeepTicking() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(PERIOD)) {
            AtomicInteger thrown = new AtomicInteger();
            ticker.register("bad", () -> {
                thrown.incrementAndGet();
                throw new IllegalStateException("outbox disk full");
            });
            AtomicInteger good = new AtomicInteger();
            ticker.register("good", good::incrementAndGet);
            awaitTrue(() -> good.get() >= 5 && thrown.get() >= 5);
            assertThat(ticker.failedTicks()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void register_oneTickBlocks_othersKeepTickingAndItsTicksAreSkippedNotQueued() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(PERIOD)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger slowRuns = new AtomicInteger();
            ticker.register("slow", () -> {
                slowRuns.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicInteger fast = new AtomicInteger();
            ticker.register("fast", fast::incrementAndGet);
            awaitTrue(() -> fast.get() >= 10);
            assertThat(slowRuns.get()).isEqualTo(1);
            assertThat(ticker.skippedTicks()).isGreaterThan(0);
            release.countDown();
            awaitTrue(() -> slowRuns.get() >= 2);
        }
    }

    @Test
    void cancel_tickRunning_waitsForItAndNoTickAfter() throws Exception {
        try (GatewayTicker ticker = GatewayTicker.start(PERIOD)) {
            CountDownLatch inTick = new CountDownLatch(1);
            AtomicBoolean cancelReturned = new AtomicBoolean();
            AtomicBoolean tickAfterCancel = new AtomicBoolean();
            AtomicBoolean finishedBeforeCancelReturned = new AtomicBoolean();
            AtomicInteger runs = new AtomicInteger();
            GatewayTicker.Registration r = ticker.register("closing", () -> {
                if (cancelReturned.get()) {
                    tickAfterCancel.set(true);
                }
                runs.incrementAndGet();
                inTick.countDown();
                sleep(200);
                finishedBeforeCancelReturned.set(!cancelReturned.get());
            });
            assertThat(inTick.await(5, TimeUnit.SECONDS)).isTrue();
            r.cancel();
            cancelReturned.set(true);
            assertThat(finishedBeforeCancelReturned).isTrue();
            int runsAtCancel = runs.get();
            sleep(10 * PERIOD.toMillis());
            assertThat(runs.get()).isEqualTo(runsAtCancel);
            assertThat(tickAfterCancel).isFalse();
            assertThat(ticker.size()).isZero();
        }
    }

    @Test
    void close_registeredTicks_stopTicking() throws Exception {
        AtomicInteger n = new AtomicInteger();
        GatewayTicker ticker = GatewayTicker.start(PERIOD);
        ticker.register("g", n::incrementAndGet);
        awaitTrue(() -> n.get() >= 2);
        ticker.close();
        int atClose = n.get();
        sleep(10 * PERIOD.toMillis());
        assertThat(n.get()).isEqualTo(atClose);
        assertThatThrownBy(() -> ticker.register("late", n::incrementAndGet))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void start_zeroPeriod_isRefused() {
        assertThatThrownBy(() -> GatewayTicker.start(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(end);
            sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
