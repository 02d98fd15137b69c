package app.smartcomply.webhooks.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 (random port) that records every request and answers as the
 * test tells it to. Each request is handled on its own virtual thread, so a slow answer does not
 * hold up others.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as it arrived. Header names are lower-cased. */
    public record Received(String path, Map<String, String> headers, byte[] body, long arrivedAtNanos) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** How to answer one request. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply ok() {
            return new Reply(200, Map.of("Content-Type", "application/json"), "{\"received\":true}", Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay);
        }

        public Reply withBody(String newBody) {
            return new Reply(status, headers, newBody, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> behaviour = r -> Reply.ok();

    private TestReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestReceiver start() {
        return new TestReceiver();
    }

    /** Answers every request from now on with what the function says. */
    public TestReceiver answering(Function<Received, Reply> replies) {
        this.behaviour = replies;
        return this;
    }

    public TestReceiver answering(Reply reply) {
        return answering(r -> reply);
    }

    /** http://127.0.0.1:port + path */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String url() {
        return url("/webhooks");
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits (really — this is network I/O, not time in the service) until n requests arrived. */
    public List<Received> awaitCount(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + n + " requests within " + timeout + ", got " + received.size());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) ->
                            headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            Received request = new Received(exchange.getRequestURI().getPath(), headers, body, System.nanoTime());
            received.add(request);
            Reply reply = behaviour.apply(request);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (IOException e) {
            // The client went away (e.g. the service's timeout aborted it): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
