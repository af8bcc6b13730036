package io.amsgrid.local.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.amsgrid.local.rules.LocalRulesEngineTestSupport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalEventSourceMappingTest {
    private static final Duration VISIBILITY = Duration.ofMillis(200);

    private final List<LocalSqsQueue.DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final LocalSqsQueue queue = new LocalSqsQueue("ingest", VISIBILITY, 5, deadLetters::add);
    /** For long batching windows and slow targets: nothing comes back while a batch is gathered or handled. */
    private final LocalSqsQueue longVisibility = new LocalSqsQueue("long", Duration.ofSeconds(60), 5, deadLetters::add);
    /** Every batch handed over, with the wall time it was handed over. */
    private final List<List<LocalSqsQueue.Message>> batches = new CopyOnWriteArrayList<>();
    private final List<Long> handedAtNanos = new CopyOnWriteArrayList<>();

    private BatchTarget recording(BatchTarget then) {
        return batch -> {
            batches.add(batch);
            handedAtNanos.add(System.nanoTime());
            return then.handle(batch);
        };
    }

    private Map<String, Long> deliveriesById() {
        return batches.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(LocalSqsQueue.Message::messageId, Collectors.counting()));
    }

    @Test
    void poll_backlogAboveTheBatchSize_handsFullBatchesWithoutWaitingForTheWindow() throws Exception {
        LocalSqsQueue queue = longVisibility;
        for (int i = 0; i < 300; i++) {
            queue.send("m" + i);
        }
        long at = System.nanoTime();

        try (var mapping = LocalEventSourceMapping.start(queue, recording(b -> List.of()), 100, Duration.ofSeconds(20), 1)) {
            waitFor(Duration.ofSeconds(5), () -> queue.pending() == 0);
        }

        assertThat(batches).extracting(List::size).containsExactly(100, 100, 100);
        assertThat(Duration.ofNanos(handedAtNanos.get(2) - at)).as("full batches go at once").isLessThan(Duration.ofSeconds(5));
        assertThat(deliveriesById()).hasSize(300).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void start_visibilityTimeoutNotAboveTheWindow_isRefused() {
        assertThatThrownBy(() -> LocalEventSourceMapping.start(queue, b -> List.of(), 10, VISIBILITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibility timeout");
    }

    @Test
    void poll_fewMessages_gathersThemForTheBatchingWindowIntoOneBatch() throws Exception {
        LocalSqsQueue queue = longVisibility;
        long at = System.nanoTime();
        try (var mapping = LocalEventSourceMapping.start(queue, recording(b -> List.of()), 100, Duration.ofMillis(800), 1)) {
            for (int i = 0; i < 7; i++) {
                queue.send("m" + i);
                Thread.sleep(50);
            }
            waitFor(Duration.ofSeconds(5), () -> queue.pending() == 0);
        }

        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(7));
        assertThat(Duration.ofNanos(handedAtNanos.get(0) - at)).as("the window since the first message")
                .isGreaterThanOrEqualTo(Duration.ofMillis(750));
    }

    @Test
    void deliver_itemReportedFailedOnce_onlyThatItemComesBackAfterTheVisibilityTimeout() throws Exception {
        for (int i = 0; i < 10; i++) {
            queue.send("m" + i);
        }
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();

        try (var mapping = LocalEventSourceMapping.start(queue, recording(b -> b.stream()
                .filter(m -> m.body().equals("m3") && failedOnce.add(m.messageId()))
                .map(LocalSqsQueue.Message::messageId).toList()), 100, Duration.ZERO, 1)) {
            waitFor(Duration.ofSeconds(5), () -> queue.pending() == 0);
            assertThat(mapping.itemFailures()).isEqualTo(1);
        }

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).hasSize(10);
        assertThat(batches.get(1)).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("m3");
            assertThat(m.receiveCount()).isEqualTo(2);
        });
        assertThat(Duration.ofNanos(handedAtNanos.get(1) - handedAtNanos.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void deliver_itemAlwaysFailing_isDeliveredFiveTimesThenDeadLettered() throws Exception {
        for (int i = 0; i < 4; i++) {
            queue.send("m" + i);
        }

        try (var mapping = LocalEventSourceMapping.start(queue, recording(b -> b.stream()
                .filter(m -> m.body().equals("m1")).map(LocalSqsQueue.Message::messageId).toList()),
                100, Duration.ZERO, 2)) {
            waitFor(Duration.ofSeconds(10), () -> queue.pending() == 0);
        }

        Map<String, Long> byBody = batches.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(LocalSqsQueue.Message::body, Collectors.counting()));
        assertThat(byBody).containsEntry("m0", 1L).containsEntry("m1", 5L).containsEntry("m2", 1L).containsEntry("m3", 1L);
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.body()).isEqualTo("m1");
            assertThat(d.receiveCount()).isEqualTo(5);
        });
    }

    @Test
    void deliver_targetThrows_redeliversTheWholeBatch() throws Exception {
        for (int i = 0; i < 20; i++) {
            queue.send("m" + i);
        }
        AtomicInteger calls = new AtomicInteger();

        try (var mapping = LocalEventSourceMapping.start(queue, recording(b -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("table unavailable");
            }
            return List.of();
        }), 100, Duration.ZERO, 1)) {
            waitFor(Duration.ofSeconds(5), () -> queue.pending() == 0);
            assertThat(mapping.batchFailures()).isEqualTo(1);
        }

        assertThat(batches).extracting(List::size).containsExactly(20, 20);
        assertThat(batches.get(1)).allSatisfy(m -> assertThat(m.receiveCount()).isEqualTo(2));
        assertThat(deliveriesById()).hasSize(20).allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
    }

    @Test
    void deliver_responseNamesAnUnknownId_redeliversTheWholeBatch() throws Exception {
        for (int i = 0; i < 3; i++) {
            queue.send("m" + i);
        }
        AtomicInteger calls = new AtomicInteger();

        try (var mapping = LocalEventSourceMapping.start(queue, recording(b ->
                calls.incrementAndGet() == 1 ? List.of("not-a-message-of-this-batch") : List.of()), 100, Duration.ZERO, 1)) {
            waitFor(Duration.ofSeconds(5), () -> queue.pending() == 0);
            assertThat(mapping.batchFailures()).isEqualTo(1);
        }

        assertThat(deliveriesById()).hasSize(3).allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
    }

    @Test
    void poll_fourPollersSlowTarget_handleBatchesConcurrentlyEachMessageOnce() throws Exception {
        LocalSqsQueue queue = longVisibility;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        BatchTarget slow = b -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(60);
            running.decrementAndGet();
            return List.of();
        };
        List<String> sent = new CopyOnWriteArrayList<>();

        try (var mapping = LocalEventSourceMapping.start(queue, recording(slow), 50, Duration.ofMillis(100), 4)) {
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 500;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = from; i < from + 500; i++) {
                        sent.add(queue.send("m" + i));
                    }
                }));
            }
            for (Thread s : senders) {
                s.join();
            }
            waitFor(Duration.ofSeconds(20), () -> queue.pending() == 0);
            assertThat(mapping.messagesDelivered()).isEqualTo(2000);
        }

        assertThat(mostAtOnce.get()).as("batches handled at once").isGreaterThan(1).isLessThanOrEqualTo(4);
        assertThat(batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, 50));
        Map<String, Long> deliveries = deliveriesById();
        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
        assertThat(queue.deleted()).isEqualTo(2000);
    }

    @Test
    void close_whileGathering_handsOverWhatWasReceived() throws Exception {
        LocalSqsQueue queue = longVisibility;
        Collection<String> none = List.of();
        var mapping = LocalEventSourceMapping.start(queue, recording(b -> none), 100, Duration.ofSeconds(30), 1);
        queue.send("a");
        waitFor(Duration.ofSeconds(5), () -> queue.received() == 1);
        assertThat(batches).as("still gathering").isEmpty();
        long at = System.nanoTime();

        mapping.close();

        assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofSeconds(5));
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).extracting(LocalSqsQueue.Message::body)
                .containsExactly("a"));
        assertThat(queue.pending()).isZero();
    }

    @Test
    void poll_backlogGrows_addsPollersUpToTheMaximumThenRetiresThemWhenEmpty() throws Exception {
        LocalSqsQueue queue = longVisibility;
        for (int i = 0; i < 2_000; i++) {
            queue.send("m" + i);
        }
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        BatchTarget slow = batch -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } finally {
                concurrent.decrementAndGet();
            }
            return List.of();
        };

        try (var mapping = LocalEventSourceMapping.start(queue, recording(slow), 10, Duration.ofSeconds(1), 1, 4)) {
            assertThat(mapping.pollers()).isEqualTo(1);
            waitFor(Duration.ofSeconds(20), () -> queue.pending() == 0);
            assertThat(mapping.peakPollers()).isEqualTo(4);
            assertThat(mostConcurrent.get()).as("batches handled at once").isGreaterThan(1).isLessThanOrEqualTo(4);
            waitFor(Duration.ofSeconds(5), () -> mapping.pollers() == 1);
        }

        assertThat(deliveriesById()).hasSize(2_000).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void start_minimumAboveMaximum_isRefused() {
        assertThatThrownBy(() -> LocalEventSourceMapping.start(longVisibility, b -> List.of(), 10, Duration.ofSeconds(1), 4, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollers");
    }
}
