package app.smartcomply.webhooks.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback receiver for load and failure tests with many nodes: it answers 200 after a set delay
 * and keeps, per delivery ({@code X-SmartComply-Delivery-Id}), how often it arrived and whether it
 * ever arrived while another request for the same delivery was still being handled — a
 * <em>concurrent double send</em>, which leases must make impossible. Sequential repeats (a
 * crashed node's delivery sent again after its lease ran out) are counted separately as
 * duplicates: at-least-once allows them.
 */
public final class DeliveryRecordingReceiver implements AutoCloseable {

    /** One delivery as it arrived, the first time. */
    public record Arrival(String deliveryId, String eventId, String path, long arrivedAtNanos) {}

    private final HttpServer server;
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Arrival> firstArrivals = new ConcurrentHashMap<>();
    private final Set<String> eventsByPath = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> overlaps = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> requestTimes = new ConcurrentLinkedQueue<>();
    private volatile Duration delay;

    private DeliveryRecordingReceiver(Duration delay) {
        this.delay = delay;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a receiver that holds each request for {@code delay} before answering 200. */
    public static DeliveryRecordingReceiver start(Duration delay) {
        return new DeliveryRecordingReceiver(delay);
    }

    public void answerAfter(Duration newDelay) {
        this.delay = newDelay;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String delivery = exchange.getRequestHeaders().getFirst("X-SmartComply-Delivery-Id");
            String event = exchange.getRequestHeaders().getFirst("X-SmartComply-Event-Id");
            String path = exchange.getRequestURI().getPath();
            long now = System.nanoTime();
            requests.incrementAndGet();
            lastArrivalNanos.accumulateAndGet(now, Math::max);
            requestTimes.add(now);
            AtomicInteger running = inProgress.computeIfAbsent(delivery, id -> new AtomicInteger());
            if (running.incrementAndGet() > 1) {
                overlaps.add(delivery + " (" + path + ")");
            }
            try {
                arrivals.computeIfAbsent(delivery, id -> new AtomicInteger()).incrementAndGet();
                firstArrivals.putIfAbsent(delivery, new Arrival(delivery, event, path, now));
                eventsByPath.add(path + " " + event);
                Duration wait = delay;
                if (!wait.isZero()) {
                    Thread.sleep(wait);
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        } catch (IOException e) {
            // The sender went away mid-request (its node was killed): nothing to answer.
        }
    }

    /** Whether {@code eventId} reached {@code path} at least once. */
    public boolean received(String path, String eventId) {
        return eventsByPath.contains(path + " " + eventId);
    }

    /** Distinct (path, event) pairs received. */
    public int pairsReceived() {
        return eventsByPath.size();
    }

    /** Distinct deliveries received. */
    public int deliveriesReceived() {
        return arrivals.size();
    }

    /** Every request, repeats included. */
    public long requests() {
        return requests.get();
    }

    /** Deliveries that arrived more than once (sequentially or not). */
    public List<String> duplicated() {
        return arrivals.entrySet().stream()
                .filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Deliveries that arrived while another request for the same delivery was still open. */
    public List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /** Requests being handled right now. */
    public int inProgress() {
        return inProgress.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Arrival firstArrival(String deliveryId) {
        return firstArrivals.get(deliveryId);
    }

    public int arrivals(String deliveryId) {
        AtomicInteger count = arrivals.get(deliveryId);
        return count == null ? 0 : count.get();
    }

    /** When the first request after {@code nanos} arrived (any delivery, repeats included), or -1. */
    public long firstArrivalAfter(long nanos) {
        return requestTimes.stream().filter(t -> t > nanos).min(Long::compare).orElse(-1L);
    }

    public long lastArrivalNanos() {
        return lastArrivalNanos.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
