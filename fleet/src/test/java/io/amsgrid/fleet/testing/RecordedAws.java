package io.amsgrid.fleet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers AWS REST-JSON calls with recorded responses of the shapes the
 * AWS IoT API Reference documents, and records every request the SDK sent (method, path with query,
 * principal header, body). Responses are queued per {@code "METHOD /path"} (query excluded); the
 * last one of a queue repeats.
 */
public final class RecordedAws implements AutoCloseable {
    /** A request as the SDK sent it. */
    public record Request(String method, String path, String query, String principal, String body) {
    }

    /** A recorded response. */
    public record Response(int status, String errorType, String body) {
        public static Response ok(String body) {
            return new Response(200, null, body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Response>> responses = new ConcurrentHashMap<>();

    public RecordedAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues responses for {@code "METHOD /path"}. */
    public RecordedAws on(String route, Response... rs) {
        responses.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(rs));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                ex.getRequestHeaders().getFirst("x-amzn-principal"), body));
        Deque<Response> q = responses.get(ex.getRequestMethod() + " " + path);
        Response r;
        if (q == null || q.isEmpty()) {
            r = new Response(404, "ResourceNotFoundException", "{\"message\":\"no recorded response for "
                    + ex.getRequestMethod() + " " + path + "\"}");
        } else {
            synchronized (q) {
                r = q.size() > 1 ? q.poll() : q.peek();
            }
        }
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("x-amzn-RequestId", "0f5e8d6a-3c4b-4a1e-9d2f-" + requests.size());
        if (r.errorType() != null) {
            ex.getResponseHeaders().add("x-amzn-ErrorType", r.errorType() + ":http://internal.amazon.com/coral/com.amazonaws.iot/");
        }
        ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
