package io.amsgrid.local.mqtt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who published what, read from mosquitto's log ({@link LocalBroker} logs at debug level): MQTT
 * does not tell a subscriber who sent a message, but AWS IoT rules can ({@code principal()},
 * {@code clientid()}), so the local rules engine asks here. Reads the log incrementally from the
 * end it had when created.
 *
 * <ul>
 *   <li>{@code New client connected from 127.0.0.1:40000 as gw-1 (p2, c1, k30, u'gw-1').}: the
 *       client id and its user name, which is the certificate's CN ({@code use_identity_as_username});</li>
 *   <li>{@code Received PUBLISH from gw-1 (d0, q1, r0, m2, 'amsgrid/rotation/gw-1/csr', ... (412 bytes))}:
 *       one publish.</li>
 * </ul>
 * A delivered message is matched to the oldest not yet matched publish on the same topic with the
 * same payload size. Limits: mosquitto names the certificate only by its CN, not by a certificate
 * id as AWS IoT's {@code principal()} does.
 */
public final class BrokerLog {
    private static final Pattern CONNECTED =
            Pattern.compile("New client connected from \\S+ as (\\S+) \\(.*u'([^']*)'\\)\\.");
    private static final Pattern PUBLISH =
            Pattern.compile("Received PUBLISH from (\\S+) \\(d\\d, q\\d, r\\d, m\\d+, '(.*)', \\.\\.\\. \\((\\d+) bytes\\)\\)");

    /** The publisher of one message: its MQTT client id and its certificate's CN. */
    public record Publisher(String clientId, String certificateCommonName) {
    }

    private record Publish(String clientId, int bytes) {
    }

    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, String> userByClient = new HashMap<>();
    private final Map<String, Deque<Publish>> publishesByTopic = new HashMap<>();

    public BrokerLog(Path file) {
        this.file = file;
        try {
            this.offset = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            this.offset = 0;
        }
        // connections made before we started: take them from the start of the file
        readFrom(0, true);
    }

    /**
     * The publisher of a message just delivered on {@code topic} with {@code payloadBytes} bytes,
     * waiting up to {@code waitMs} for the log line; empty if the log has none.
     */
    public synchronized Optional<Publisher> publisherOf(String topic, int payloadBytes, long waitMs) {
        long end = System.nanoTime() + waitMs * 1_000_000;
        while (true) {
            readNew();
            Deque<Publish> q = publishesByTopic.get(topic);
            if (q != null) {
                for (var it = q.iterator(); it.hasNext(); ) {
                    Publish p = it.next();
                    if (p.bytes() == payloadBytes) {
                        it.remove();
                        return Optional.of(new Publisher(p.clientId(), userByClient.get(p.clientId())));
                    }
                }
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private void readNew() {
        readFrom(offset, false);
    }

    private void readFrom(long from, boolean connectionsOnly) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= from) {
                return;
            }
            long until = connectionsOnly ? offset : length;
            f.seek(from);
            byte[] b = new byte[(int) (until - from)];
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8);
            if (connectionsOnly) {
                for (String line : text.split("\n")) {
                    Matcher c = CONNECTED.matcher(line);
                    if (c.find()) {
                        userByClient.put(c.group(1), c.group(2));
                    }
                }
                return;
            }
            offset = until;
            partial.append(text);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                line(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        } catch (IOException e) {
            // no log yet: nothing to match
        }
    }

    private void line(String line) {
        Matcher c = CONNECTED.matcher(line);
        if (c.find()) {
            userByClient.put(c.group(1), c.group(2));
            return;
        }
        Matcher p = PUBLISH.matcher(line);
        if (p.find()) {
            Deque<Publish> q = publishesByTopic.computeIfAbsent(p.group(2), k -> new ArrayDeque<>());
            q.addLast(new Publish(p.group(1), Integer.parseInt(p.group(3))));
            while (q.size() > 1000) {
                q.removeFirst();
            }
        }
    }
}
