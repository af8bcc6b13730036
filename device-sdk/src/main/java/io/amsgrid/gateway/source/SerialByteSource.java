package io.amsgrid.gateway.source;

import com.fazecast.jSerialComm.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The HAN port through a USB M-Bus adapter (jSerialComm): 2400 baud, 8 data bits, 1 stop bit,
 * parity none (Kamstrup) or even (Kaifa, Aidon). With {@link SerialParity#AUTO} it listens with one
 * parity for {@code probe} and keeps it once a frame passed its checks ({@code goodFrames} grew),
 * else switches to the other. Pseudo-terminals (socat) work too: open by path.
 */
public final class SerialByteSource implements ByteSource {
    private static final Logger LOG = LoggerFactory.getLogger(SerialByteSource.class);
    public static final int BAUD = 2400;

    private final String portPath;
    private final SerialParity parity;
    private final Duration probe;
    private final LongSupplier goodFrames;
    private final Clock clock;
    private volatile boolean closed;
    private volatile SerialParity locked;

    public SerialByteSource(String portPath, SerialParity parity, Duration probe, LongSupplier goodFrames, Clock clock) {
        this.portPath = portPath;
        this.parity = parity;
        this.probe = probe;
        this.goodFrames = goodFrames;
        this.clock = clock;
        this.locked = parity == SerialParity.AUTO ? null : parity;
    }

    @Override
    public boolean run(Consumer<Chunk> sink) throws IOException {
        SerialParity current = locked != null ? locked : SerialParity.NONE;
        while (!closed) {
            SerialPort port = SerialPort.getCommPort(portPath);
            port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT,
                    current == SerialParity.EVEN ? SerialPort.EVEN_PARITY : SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
            if (!port.openPort()) {
                throw new IOException("cannot open serial port " + portPath + " (missing, in use, or no permission:"
                        + " add the user to group dialout)");
            }
            LOG.info("serial port {} open: {} baud 8{}1", portPath, BAUD, current == SerialParity.EVEN ? "E" : "N");
            long framesAtStart = goodFrames.getAsLong();
            long probeEnd = System.nanoTime() + probe.toNanos();
            try {
                byte[] buf = new byte[1024];
                while (!closed) {
                    int n = port.readBytes(buf, buf.length);
                    if (n < 0 && closed) {
                        break;
                    }
                    if (n < 0) {
                        throw new IOException("serial port " + portPath + " failed (unplugged?)");
                    }
                    if (n > 0) {
                        sink.accept(new Chunk(clock.instant(), Arrays.copyOf(buf, n)));
                    }
                    if (locked == null) {
                        if (goodFrames.getAsLong() > framesAtStart) {
                            locked = current;
                            LOG.info("serial parity detected: 8{}1", current == SerialParity.EVEN ? "E" : "N");
                        } else if (System.nanoTime() > probeEnd) {
                            current = current == SerialParity.NONE ? SerialParity.EVEN : SerialParity.NONE;
                            LOG.info("no valid frame within {} s: trying 8{}1", probe.toSeconds(),
                                    current == SerialParity.EVEN ? "E" : "N");
                            break;
                        }
                    }
                }
            } finally {
                port.closePort();
            }
        }
        return false;
    }

    /** The parity in use once detected (or configured), else null. */
    public SerialParity lockedParity() {
        return locked;
    }

    @Override
    public String describe() {
        return "serial " + portPath + " (" + parity.name().toLowerCase() + " parity)";
    }

    @Override
    public void close() {
        closed = true;
    }
}
