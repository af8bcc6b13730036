package io.amsgrid.localrun.feed;

import io.amsgrid.gateway.source.ByteSource;
import io.amsgrid.gateway.source.Chunk;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.meter.Fleet;
import io.amsgrid.local.meter.SimulatedMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryFeedTest {
    private static final Instant START = Instant.parse("2026-11-25T09:58:00Z");

    @Test
    void start_threeMeters_everyFrameReachesItsGatewayInOrderStampedNoEarlierThanItsTime() throws Exception {
        AcceleratedClock clock = AcceleratedClock.paused(START, 240);
        Instant end = START.plus(Duration.ofMinutes(4)); // crosses the full hour: List 3 too
        List<SimulatedMeter> meters = Fleet.of(3, START);
        List<List<SimulatedMeter.Frame>> observed = new ArrayList<>();
        List<List<Chunk>> chunks = new ArrayList<>();
        List<MemoryFeed.Line> lines = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        List<ByteSource> sources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SimulatedMeter.Frame> seen = new CopyOnWriteArrayList<>();
            List<Chunk> got = new CopyOnWriteArrayList<>();
            MemoryPipe pipe = new MemoryPipe("m" + i, clock, (f, at) -> {
                if (!at.isBefore(f.time())) {
                    seen.add(f); // a frame read before its time would be missing below
                }
            });
            ByteSource source = pipe.gatewayEnd();
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    source.run(got::add);
                } catch (Exception e) {
                    // closed
                }
            }));
            observed.add(seen);
            chunks.add(got);
            sources.add(source);
            lines.add(new MemoryFeed.Line(meters.get(i), pipe));
        }
        clock.start();
        MemoryFeed feed = MemoryFeed.start(lines, clock, START, end);
        feed.join();
        Thread.sleep(200);
        sources.forEach(ByteSource::close);
        for (Thread t : readers) {
            t.join(2000);
            assertThat(t.isAlive()).isFalse();
        }

        List<SimulatedMeter> again = Fleet.of(3, START);
        long total = 0;
        for (int i = 0; i < 3; i++) {
            List<SimulatedMeter.Frame> expected = again.get(i).framesUntil(end);
            assertThat(observed.get(i)).extracting(SimulatedMeter.Frame::time)
                    .containsExactlyElementsOf(expected.stream().map(SimulatedMeter.Frame::time).toList());
            assertThat(observed.get(i)).anyMatch(f -> f.list() == 3);
            for (int k = 0; k < expected.size(); k++) {
                assertThat(chunks.get(i).get(k).bytes()).isEqualTo(expected.get(k).bytes());
                assertThat(chunks.get(i).get(k).at()).isAfterOrEqualTo(expected.get(k).time());
            }
            total += expected.size();
        }
        assertThat(feed.framesSent()).isEqualTo(total);
    }

    @Test
    void gatewayEnd_closedThenReopened_unreadFramesGoToTheNextReader() throws Exception {
        AcceleratedClock clock = AcceleratedClock.startingAt(START, 1);
        MemoryPipe pipe = new MemoryPipe("m", clock, (f, at) -> { });
        ByteSource first = pipe.gatewayEnd();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                first.run(c -> { });
            } catch (Exception e) {
                // closed
            }
        });
        Thread.sleep(50);
        first.close();
        reader.join(2000);
        assertThat(reader.isAlive()).isFalse();

        SimulatedMeter.Frame f = Fleet.of(1, START).get(0).framesUntil(START.plusSeconds(10)).get(0);
        pipe.send(f);
        assertThat(pipe.pending()).isEqualTo(1);
        List<Chunk> got = new CopyOnWriteArrayList<>();
        ByteSource second = pipe.gatewayEnd();
        Thread reader2 = Thread.ofPlatform().start(() -> {
            try {
                second.run(got::add);
            } catch (Exception e) {
                // closed
            }
        });
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        second.close();
        reader2.join(2000);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).bytes()).isEqualTo(f.bytes());
        assertThat(pipe.pending()).isZero();
        assertThat(second.describe()).isEqualTo("memory pipe m");
    }

    @Test
    void send_lineFull_meterWaitsUntilTheGatewayReads() throws Exception {
        AcceleratedClock clock = AcceleratedClock.startingAt(START, 1);
        MemoryPipe pipe = new MemoryPipe("m", clock, (f, at) -> { });
        SimulatedMeter.Frame f = Fleet.of(1, START).get(0).framesUntil(START.plusSeconds(10)).get(0);
        for (int i = 0; i < MemoryPipe.CAPACITY_FRAMES; i++) {
            pipe.send(f);
        }
        Thread meter = Thread.ofPlatform().start(() -> {
            try {
                pipe.send(f);
            } catch (InterruptedException e) {
                // not expected
            }
        });
        meter.join(300);
        assertThat(meter.isAlive()).as("the meter waits while the line is full").isTrue();

        List<Chunk> got = new CopyOnWriteArrayList<>();
        ByteSource reader = pipe.gatewayEnd();
        Thread gateway = Thread.ofPlatform().start(() -> {
            try {
                reader.run(got::add);
            } catch (Exception e) {
                // closed
            }
        });
        meter.join(2000);
        assertThat(meter.isAlive()).isFalse();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < MemoryPipe.CAPACITY_FRAMES + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        reader.close();
        gateway.join(2000);
        assertThat(got).hasSize(MemoryPipe.CAPACITY_FRAMES + 1);
    }
}
