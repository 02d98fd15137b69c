package app.smartcomply.webhooks.bench.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's {@code com.sun.net.httpserver} with a virtual thread per exchange: the comparison point
 * for {@link RawHttpSink}. It cannot send a TCP reset, so a {@code RESET} endpoint here just closes.
 */
final class JdkHttpSink extends Sink {

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL = "fail".getBytes(StandardCharsets.US_ASCII);

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private JdkHttpSink(List<Reply> replies) {
        super(replies);
    }

    static JdkHttpSink start(List<Reply> replies, int ports) {
        JdkHttpSink sink = new JdkHttpSink(replies);
        try {
            for (int i = 0; i < Math.max(1, ports); i++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
                server.setExecutor(sink.executor);
                server.createContext("/", sink::handle);
                server.start();
                sink.servers.add(server);
            }
        } catch (IOException e) {
            sink.close();
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    @Override
    public String url(int index) {
        return "http://127.0.0.1:"
                + servers.get(index % servers.size()).getAddress().getPort() + "/e/" + index;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            int endpoint = endpointOf(exchange.getRequestURI().getPath());
            String eventId = exchange.getRequestHeaders().getFirst("X-SmartComply-Event-Id");
            if (eventId == null) {
                eventId = exchange.getRequestHeaders().getFirst("X-Bench-Event-Id");
            }
            arrived(endpoint, eventId);
            Reply reply = replyFor(endpoint);
            switch (reply.kind()) {
                case OK -> respond(exchange, 200, OK);
                case FAIL -> respond(exchange, 500, FAIL);
                case SLOW -> {
                    hold(reply);
                    respond(exchange, 200, OK);
                }
                case TIMEOUT -> hold(reply);
                case RESET -> {
                    // closing the exchange without an answer drops the connection
                }
            }
        }
    }

    private void hold(Reply reply) {
        holding();
        try {
            Thread.sleep(reply.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            released();
        }
    }

    private void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        bookAnswer();
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }
}
