package io.amsgrid.local.rules;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting helpers of the rules, queue and event source mapping tests. */
final class LocalRulesEngineTestSupport {
    private LocalRulesEngineTestSupport() {
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(end);
            Thread.sleep(10);
        }
    }
}
