package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.endpoint.ListenEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the listen sessions whose CLI has been gone for {@code webhooks.listen.idle-timeout}
 * (by the injected clock), every {@code sweep-interval}. A session with a stream open on this
 * node is kept whatever its time; one open on another node is kept by that stream's heartbeats.
 */
@Component
public class ListenSweep {

    private static final Logger log = LoggerFactory.getLogger(ListenSweep.class);

    private final ListenEndpoints endpoints;
    private final ListenStreams streams;
    private final ListenProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    ListenSweep(ListenEndpoints endpoints, ListenStreams streams, ListenProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.streams = streams;
        this.properties = properties;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("listen-sweep").daemon().factory());
        long every = properties.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** One sweep, now. @return how many sessions it deleted */
    public int sweep() {
        return endpoints.removeUnseen(clock.millis() - properties.idleTimeout().toMillis(), streams.connected());
    }

    private void sweepQuietly() {
        try {
            int removed = sweep();
            if (removed > 0) {
                log.info("Removed {} idle listen session(s)", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Sweep of idle listen sessions failed; the next one tries again", e);
        }
    }
}
