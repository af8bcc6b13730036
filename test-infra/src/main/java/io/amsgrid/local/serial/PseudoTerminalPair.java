package io.amsgrid.local.serial;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Two connected pseudo-terminals made by {@code socat}: what one end's writer sends, a serial
 * port reader on the other end receives, as from a USB M-Bus adapter. The meter side
 * ({@link #meterEnd()}) is written by the simulator; the gateway opens {@link #gatewayEnd()} by
 * path with jSerialComm like a real {@code /dev/ttyUSB0}.
 */
public final class PseudoTerminalPair implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PseudoTerminalPair.class);

    private final Process socat;
    private final Path meterEnd;
    private final Path gatewayEnd;

    private PseudoTerminalPair(Process socat, Path meterEnd, Path gatewayEnd) {
        this.socat = socat;
        this.meterEnd = meterEnd;
        this.gatewayEnd = gatewayEnd;
    }

    /** Starts socat with the two links {@code dir/<name>-meter} and {@code dir/<name>-gateway}. */
    public static PseudoTerminalPair open(Path dir, String name) {
        Path meter = dir.resolve(name + "-meter");
        Path gateway = dir.resolve(name + "-gateway");
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(List.of("socat", "-d",
                    "pty,raw,echo=0,link=" + meter, "pty,raw,echo=0,link=" + gateway))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + "-socat.log").toFile())
                    .start();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!(Files.exists(meter) && Files.exists(gateway))) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("socat exited with " + p.exitValue()
                            + "; see " + dir.resolve(name + "-socat.log"));
                }
                if (System.nanoTime() > end) {
                    p.destroyForcibly();
                    throw new IllegalStateException("socat did not create the pseudo-terminals within 10 s");
                }
                Thread.sleep(10);
            }
            LOG.debug("pseudo-terminal pair {} <-> {}", meter, gateway);
            return new PseudoTerminalPair(p, meter, gateway);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start socat (install it: scripts/setup.sh): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting socat", e);
        }
    }

    public Path meterEnd() {
        return meterEnd;
    }

    public Path gatewayEnd() {
        return gatewayEnd;
    }

    /** Opens the meter end for writing frames. */
    public OutputStream openMeterOutput() {
        try {
            return Files.newOutputStream(meterEnd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + meterEnd, e);
        }
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socat.destroyForcibly();
        }
    }
}
