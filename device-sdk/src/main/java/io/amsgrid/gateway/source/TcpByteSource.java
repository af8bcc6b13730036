package io.amsgrid.gateway.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;

/** A raw TCP byte stream from a ser2net-style serial-to-network dongle ({@code host:port}). */
public final class TcpByteSource implements ByteSource {
    private final String host;
    private final int port;
    private final Clock clock;
    private volatile Socket socket;

    public TcpByteSource(String host, int port, Clock clock) {
        this.host = host;
        this.port = port;
        this.clock = clock;
    }

    @Override
    public boolean run(Consumer<Chunk> sink) throws IOException {
        Socket s = new Socket();
        socket = s;
        try (s) {
            s.connect(new InetSocketAddress(host, port), 10_000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n > 0) {
                    sink.accept(new Chunk(clock.instant(), Arrays.copyOf(buf, n)));
                }
            }
            return true;
        } catch (IOException e) {
            if (s.isClosed() && socket == null) {
                return false; // closed by us
            }
            throw e;
        }
    }

    @Override
    public boolean suitsVirtualThread() {
        return true;
    }

    @Override
    public String describe() {
        return "tcp " + host + ":" + port;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
