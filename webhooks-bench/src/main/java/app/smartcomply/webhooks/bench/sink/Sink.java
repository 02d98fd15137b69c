package app.smartcomply.webhooks.bench.sink;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The receiving end of the benchmark: loopback HTTP listeners standing in for customers' endpoints.
 * Endpoint {@code i} is the URL {@code http://127.0.0.1:<port i % ports>/e/<i>}; it answers as its
 * {@link Reply} says and, for every request carrying an event id, records (event key, endpoint,
 * arrival {@link System#nanoTime()}) — the same clock the publishers stamp their requests with.
 */
public abstract class Sink implements AutoCloseable {

    protected final List<Reply> replies;
    protected final TripleLog arrivals = new TripleLog();
    protected final AtomicLongArray receivedByEndpoint;
    protected final AtomicLong received = new AtomicLong();
    protected final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong lastAnsweredNanos = new AtomicLong();

    protected Sink(List<Reply> replies) {
        this.replies = List.copyOf(replies);
        this.receivedByEndpoint = new AtomicLongArray(replies.size());
    }

    /** Starts the hand-rolled or the JDK server; {@code kind} is {@code raw} or {@code jdk}. */
    public static Sink start(String kind, List<Reply> replies, int ports) {
        return switch (kind) {
            case "raw" -> RawHttpSink.start(replies, ports);
            case "jdk" -> JdkHttpSink.start(replies, ports);
            default -> throw new IllegalArgumentException("--sink must be raw or jdk, not " + kind);
        };
    }

    /** The URL of endpoint {@code index}. */
    public abstract String url(int index);

    public int endpoints() {
        return replies.size();
    }

    /** (event key, endpoint index, arrival nanos) of every request that carried an event id. */
    public TripleLog arrivals() {
        return arrivals;
    }

    /** Requests received by one endpoint, whatever the answer. */
    public long received(int endpoint) {
        return receivedByEndpoint.get(endpoint);
    }

    /** Requests received in all. */
    public long received() {
        return received.get();
    }

    /** Requests being held right now (slow and timing-out endpoints). */
    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Books one request's arrival. */
    protected final void arrived(int endpoint, String eventId) {
        long now = System.nanoTime();
        if (endpoint >= 0 && endpoint < replies.size()) {
            receivedByEndpoint.incrementAndGet(endpoint);
        }
        received.incrementAndGet();
        long key = EventKeys.of(eventId);
        if (key != 0) {
            arrivals.append(key, endpoint, now);
        }
    }

    /** Books one complete answer (status line, headers and body written). */
    protected final void bookAnswer() {
        answered.incrementAndGet();
        lastAnsweredNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** Requests answered in full (slow ones count when their answer went out, not when they came in). */
    public long answered() {
        return answered.get();
    }

    /** When the last answer went out ({@link System#nanoTime()}). */
    public long lastAnsweredNanos() {
        return lastAnsweredNanos.get();
    }

    protected final void holding() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    protected final void released() {
        inFlight.decrementAndGet();
    }

    protected final Reply replyFor(int endpoint) {
        return endpoint >= 0 && endpoint < replies.size() ? replies.get(endpoint) : Reply.FAIL;
    }

    /** The endpoint index in a path {@code /e/<i>}, or -1. */
    protected static int endpointOf(String path) {
        if (path == null || !path.startsWith("/e/")) {
            return -1;
        }
        int end = path.indexOf('?');
        try {
            return Integer.parseInt(end < 0 ? path.substring(3) : path.substring(3, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public abstract void close();
}
