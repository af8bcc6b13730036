package io.amsgrid.local.meter;

import io.amsgrid.codec.HanStreamDecoder;
import io.amsgrid.codec.dlms.SecurityKeys;
import io.amsgrid.local.clock.AcceleratedClock;
import io.amsgrid.local.serial.PseudoTerminalPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated meter through a real pseudo-terminal pair (socat), read back by the stream decoder. */
class MeterFeederIT {

    @Test
    void feed_twoSimulatedMinutesAt60x_everyFrameArrivesThroughThePty(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-03-02T06:59:00Z");
        AcceleratedClock clock = AcceleratedClock.startingAt(start, 60);
        SimulatedMeter meter = SimulatedMeter.ofFleet(MeterVendor.AIDON, 3, 2, start);
        List<SimulatedMeter.Frame> sent = new CopyOnWriteArrayList<>();
        List<Object> decoded = new CopyOnWriteArrayList<>();

        PseudoTerminalPair pty = PseudoTerminalPair.open(dir, "m1");
        InputStream in = Files.newInputStream(pty.gatewayEnd());
        try {
            HanStreamDecoder decoder = new HanStreamDecoder(SecurityKeys.NONE, new HanStreamDecoder.Listener() {
                @Override
                public void onList(io.amsgrid.codec.DecodedList list) {
                    decoded.add(list);
                }

                @Override
                public void onError(io.amsgrid.codec.HanDecodeException error) {
                    decoded.add(error.getMessage());
                }
            });
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[512];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        decoder.feed(buf, 0, n);
                    }
                } catch (java.io.IOException ignored) {
                    // the pty closes at the end of the test
                }
            });
            try (MeterFeeder feeder = MeterFeeder.start(meter, pty.openMeterOutput(), clock,
                    start.plus(Duration.ofMinutes(2)), sent::add)) {
                feeder.join();
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (decoded.size() < sent.size() && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(feeder.failure()).isNull();
            }
            reader.interrupt();
        } finally {
            pty.close(); // first: a blocked read on the other end returns once socat is gone
            in.close();
        }
        assertThat(sent).hasSizeGreaterThan(40).anyMatch(f -> f.list() == 3);
        assertThat(decoded).hasSameSizeAs(sent).allMatch(o -> o instanceof io.amsgrid.codec.DecodedList);
    }
}
