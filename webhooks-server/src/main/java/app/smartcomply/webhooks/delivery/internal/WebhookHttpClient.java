package app.smartcomply.webhooks.delivery.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client all attempts on this node share — replaced when it breaks.
 *
 * <p>HttpClient closes its connection pool for good whenever an {@link Error} passes through a
 * request (it cannot know what state the Error left the pool in), and never reopens it: every
 * later request, to any endpoint, fails at once with "Connection pool shut down". So each attempt
 * takes the client through {@link #current()}, which swaps in a fresh one, built by the same
 * factory, when the pool of the current one is closed, and closes the broken one (which also stops
 * its idle-connection evictor). Replacements are counted in {@code
 * webhooks_delivery_http_client_rebuilds_total}; {@link #usable()} is what the {@code
 * webhookHttpClient} health indicator reports.
 */
final class WebhookHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookHttpClient.class);

    /** A client and the pool it leases from: the pool is what can be found closed. */
    record Built(CloseableHttpClient client, PoolingHttpClientConnectionManager connections) {}

    private final Supplier<Built> factory;
    private final Counter rebuilds;
    private final ReentrantLock replacing = new ReentrantLock();
    private volatile Built current;
    private volatile boolean closed;

    WebhookHttpClient(Supplier<Built> factory, MeterRegistry registry) {
        this.factory = factory;
        this.current = factory.get();
        this.rebuilds = Counter.builder("webhooks.delivery.http.client.rebuilds")
                .description("Times the shared HTTP client was found with its connection pool shut down and replaced")
                .register(registry);
    }

    /** The client to send with: the current one, or a fresh one if the current one's pool is shut down. */
    CloseableHttpClient current() {
        Built built = current;
        return built.connections().isClosed() && !closed ? replace(built).client() : built.client();
    }

    /** Whether the current client can send; false from the moment its pool is shut down until it is replaced. */
    boolean usable() {
        return !current.connections().isClosed();
    }

    /** The current client's pool. */
    PoolingHttpClientConnectionManager connections() {
        return current.connections();
    }

    private Built replace(Built broken) {
        replacing.lock();
        try {
            if (current != broken || closed) {
                return current; // another attempt replaced it meanwhile, or the node is stopping
            }
            Built fresh = factory.get();
            current = fresh;
            rebuilds.increment();
            log.warn("The shared HTTP client's connection pool was shut down (HttpClient does so when an Error passes"
                    + " through a request); replaced it with a new client");
            broken.client().close(CloseMode.IMMEDIATE);
            return fresh;
        } finally {
            replacing.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        current.client().close(CloseMode.GRACEFUL);
    }
}
