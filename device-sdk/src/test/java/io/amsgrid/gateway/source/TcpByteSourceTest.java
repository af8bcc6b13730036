package io.amsgrid.gateway.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TcpByteSourceTest {
    @Test
    void run_ser2netStyleStream_allBytesInOrderThenEndWhenPeerCloses() throws Exception {
        byte[] sent = new byte[10_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    for (int i = 0; i < sent.length; i += 1000) {
                        out.write(sent, i, 1000);
                        out.flush();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            var src = new TcpByteSource("127.0.0.1", server.getLocalPort(), Clock.systemUTC());
            assertThat(src.run(c -> got.writeBytes(c.bytes()))).isTrue();
            peer.join();
            assertThat(got.toByteArray()).isEqualTo(sent);
        }
    }
}
