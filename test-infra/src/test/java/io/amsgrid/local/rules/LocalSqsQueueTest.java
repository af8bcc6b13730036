package io.amsgrid.local.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSqsQueueTest {
    private final List<LocalSqsQueue.DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final LocalSqsQueue queue = new LocalSqsQueue("q", Duration.ofMillis(200), 5, deadLetters::add);

    @Test
    void receive_afterSend_countsOneAndHidesTheMessage() throws Exception {
        String id = queue.send("{\"a\":1}");

        List<LocalSqsQueue.Message> first = queue.receive(10, Duration.ZERO);

        assertThat(first).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.body()).isEqualTo("{\"a\":1}");
            assertThat(m.receiveCount()).isEqualTo(1);
            assertThat(m.firstReceivedAtMs()).isGreaterThanOrEqualTo(m.sentAtMs());
        });
        assertThat(queue.receive(10, Duration.ofMillis(50))).as("invisible during the visibility timeout").isEmpty();
        assertThat(queue.visible()).isZero();
        assertThat(queue.received()).isEqualTo(1);
        assertThat(queue.pending()).isEqualTo(1);
    }

    @Test
    void delete_withTheReceipt_removesTheMessageForGood() throws Exception {
        queue.send("x");
        LocalSqsQueue.Message m = queue.receive(1, Duration.ZERO).get(0);

        assertThat(queue.delete(m.receiptHandle())).isTrue();

        assertThat(queue.pending()).isZero();
        assertThat(queue.receive(10, Duration.ofMillis(400))).as("not back after the visibility timeout").isEmpty();
        assertThat(queue.deleted()).isEqualTo(1);
        assertThat(queue.delete(m.receiptHandle())).isFalse();
    }

    @Test
    void receive_notDeleted_comesBackAfterTheVisibilityTimeoutWithCountTwo() throws Exception {
        String id = queue.send("x");
        LocalSqsQueue.Message first = queue.receive(1, Duration.ZERO).get(0);
        long at = System.nanoTime();

        List<LocalSqsQueue.Message> again = queue.receive(1, Duration.ofSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - at)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.receiveCount()).isEqualTo(2);
            assertThat(m.receiptHandle()).isNotEqualTo(first.receiptHandle());
            assertThat(m.firstReceivedAtMs()).isEqualTo(first.firstReceivedAtMs());
        });
        assertThat(queue.delete(first.receiptHandle())).as("a stale receipt deletes nothing").isFalse();
        assertThat(queue.pending()).isEqualTo(1);
    }

    @Test
    void receive_fiveTimesNeverDeleted_movesToTheDeadLettersAfterTheFifth() throws Exception {
        String id = queue.send("poison");
        for (int n = 1; n <= 5; n++) {
            List<LocalSqsQueue.Message> got = queue.receive(1, Duration.ofSeconds(2));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).receiveCount()).isEqualTo(n);
        }

        assertThat(queue.receive(1, Duration.ofMillis(500))).as("no sixth receive").isEmpty();

        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo(id);
            assertThat(d.body()).isEqualTo("poison");
            assertThat(d.receiveCount()).isEqualTo(5);
        });
        assertThat(queue.deadLetters()).hasSize(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void receive_emptyQueue_longPollsUntilASend() throws Exception {
        Thread sender = Thread.ofPlatform().start(() -> {
            LocalRulesEngineTestSupport.sleep(100);
            queue.send("late");
        });
        long at = System.nanoTime();

        List<LocalSqsQueue.Message> got = queue.receive(10, Duration.ofSeconds(5));

        assertThat(got).extracting(LocalSqsQueue.Message::body).containsExactly("late");
        assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofSeconds(2));
        sender.join();
    }

    @Test
    void receive_max_takesAtMostThatMany() throws Exception {
        for (int i = 0; i < 5; i++) {
            queue.send("m" + i);
        }

        assertThat(queue.receive(3, Duration.ZERO)).extracting(LocalSqsQueue.Message::body).containsExactly("m0", "m1", "m2");
        assertThat(queue.visible()).isEqualTo(2);
    }

    @Test
    void wakeAll_waitingReceive_returnsEmptyAtOnce() throws Exception {
        Thread waker = Thread.ofPlatform().start(() -> {
            LocalRulesEngineTestSupport.sleep(100);
            queue.wakeAll();
        });
        long at = System.nanoTime();

        assertThat(queue.receive(10, Duration.ofSeconds(10))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofSeconds(3));
        waker.join();
    }
}
