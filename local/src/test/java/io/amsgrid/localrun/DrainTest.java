package io.amsgrid.localrun;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DrainTest {
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void await_backlogShrinksToZero_returnsEmpty() {
        AtomicLong queued = new AtomicLong(20);
        Drain.Pending left = new Drain(out, () -> false, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50))
                .await(() -> new Drain.Pending(0, 0, Math.max(0, queued.decrementAndGet())));
        assertThat(left.isEmpty()).isTrue();
    }

    @Test
    void await_backlogStalls_givesUpAndSaysWhatIsLeft() {
        long start = System.nanoTime();
        Drain.Pending left = new Drain(out, () -> false, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofMillis(50))
                .await(() -> new Drain.Pending(3, 2, 7));
        assertThat(left.total()).isEqualTo(12);
        assertThat(left.describe()).isEqualTo("3 messages in gateway outboxes, 7 events in the rules engine, 2 frames unread");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void await_progressButNoEnd_stopsAtTheMaximumWait() {
        AtomicLong queued = new AtomicLong(1_000_000);
        long start = System.nanoTime();
        Drain.Pending left = new Drain(out, () -> false, Duration.ofSeconds(5), Duration.ofMillis(400), Duration.ofMillis(50))
                .await(() -> new Drain.Pending(queued.decrementAndGet(), 0, 0));
        assertThat(left.isEmpty()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void await_messageAppearsAfterEmpty_waitsForItToo() {
        long[] calls = {0};
        Drain.Pending left = new Drain(out, () -> false, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50))
                .await(() -> {
                    calls[0]++;
                    return new Drain.Pending(0, 0, calls[0] == 2 ? 1 : 0); // empty, then one in flight, then empty
                });
        assertThat(left.isEmpty()).isTrue();
        assertThat(calls[0]).isGreaterThanOrEqualTo(4);
    }
}
