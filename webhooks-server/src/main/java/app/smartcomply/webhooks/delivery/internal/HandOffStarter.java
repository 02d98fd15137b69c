package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.background.BackgroundLoop;
import app.smartcomply.webhooks.background.WakeUp;
import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.signature.SigningSecret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts deliveries handed over by publishes ({@link DirectDispatch}) on a thread of its own.
 *
 * <p>Publishes only queue their deliveries here and return: the one thing a start needs from the
 * store, the endpoints' signing secrets, is then read once for everything waiting — at 1,000
 * publishes a second that is a read per several publishes instead of one in every request. And it
 * is not the dispatcher's thread, whose claims can take milliseconds (a claim waits for the
 * store's writer), so a handed-off delivery never waits behind a claim.
 *
 * <p>The deliveries queued here already hold their slots; if the read of secrets fails they stay
 * queued and are tried again — but only while their leases, written with the publish, still cover
 * a whole attempt. Once a lease has less left than the send timeout, an attempt started now could
 * still be sending when the lease runs out and another node's claim (or this node's) takes the
 * delivery and sends it too. Such a delivery is not started: its slots are given back, and the
 * store's lease expiry makes it due for the claims like any lost lease.
 */
final class HandOffStarter {

    private static final Logger log = LoggerFactory.getLogger(HandOffStarter.class);

    private final EndpointsForDelivery endpoints;
    private final BiConsumer<ClaimedDelivery, List<SigningSecret>> startAttempt;
    private final DirectDispatch room;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final long attemptTakesUpToMs;
    private final Duration retryEvery;
    /** Each publish's deliveries as one entry: one queue operation per publish, not per delivery. */
    private final ConcurrentLinkedQueue<List<ClaimedDelivery>> waiting = new ConcurrentLinkedQueue<>();

    private final WakeUp wakeUp = new WakeUp();
    private volatile BackgroundLoop loop;

    /**
     * @param properties the send timeout (the longest an attempt takes, and so the least lease a
     *     start needs) and the poll interval (how soon a failed read of secrets is tried again)
     * @param room where the reservation of a delivery that will not be started is given back ({@link
     *     DirectDispatch#unreserve})
     * @param startAttempt starts one delivery's attempt with its secrets; must not block
     */
    HandOffStarter(
            EndpointsForDelivery endpoints,
            Clock clock,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            DirectDispatch room,
            BiConsumer<ClaimedDelivery, List<SigningSecret>> startAttempt) {
        this.endpoints = endpoints;
        this.clock = clock;
        this.attemptTakesUpToMs = properties.timeout().toMillis();
        this.startAttempt = startAttempt;
        this.metrics = metrics;
        this.room = room;
        this.retryEvery = properties.pollInterval();
    }

    /**
     * Starts the thread. @return deliveries queued while it was stopped (a publish that raced with
     * the stop), whose slots the caller gives back: their leases were given back or run out, so they
     * must not be started now
     */
    synchronized List<ClaimedDelivery> start() {
        List<ClaimedDelivery> stale = drain();
        // A failed read of secrets (the store unreachable) is tried again a poll interval later.
        BackgroundLoop started = BackgroundLoop.platform("delivery-hand-off")
                .wokenBy(wakeUp, retryEvery)
                .failures("Reading secrets for handed-off deliveries", retryEvery, () -> {})
                .build(() -> {
                    startWaiting();
                    return false;
                });
        loop = started; // before its first turn, which reads it
        started.start();
        return stale;
    }

    /** Queues committed deliveries to start; returns at once. */
    void add(List<ClaimedDelivery> deliveries) {
        waiting.add(deliveries);
        wakeUp.fire();
    }

    /**
     * Stops the thread. @return deliveries queued but not started, whose slots the caller gives
     * back (their leases are given back with the node's, or run out)
     */
    List<ClaimedDelivery> stop() {
        BackgroundLoop running;
        synchronized (this) {
            running = loop;
        }
        if (running != null) {
            running.stop(Duration.ofSeconds(5));
        }
        return drain();
    }

    private void startWaiting() {
        // Before the read as well as after it: during an outage the slots of lapsed deliveries come
        // back at once, not when the store does.
        List<ClaimedDelivery> batch = withLeaseForAnAttempt(drain());
        if (batch.isEmpty() || !loop.isRunning()) {
            requeue(batch);
            return;
        }
        Set<String> endpointIds = new HashSet<>();
        for (ClaimedDelivery delivery : batch) {
            endpointIds.add(delivery.endpointId());
        }
        Map<String, List<SigningSecret>> secrets;
        try {
            secrets = endpoints.signingSecrets(endpointIds);
        } catch (RuntimeException e) {
            requeue(batch);
            throw e;
        }
        for (ClaimedDelivery delivery : withLeaseForAnAttempt(batch)) {
            startAttempt.accept(delivery, secrets.getOrDefault(delivery.endpointId(), List.of()));
        }
    }

    /**
     * The deliveries whose lease outlasts an attempt started now; the slots of the others are given
     * back. The margin is the send timeout — the request is aborted then, so it is over before the
     * lease is — and not more: recording after the expiry only fails to move a delivery someone else
     * took, and the attempt row is written anyway.
     */
    private List<ClaimedDelivery> withLeaseForAnAttempt(List<ClaimedDelivery> batch) {
        long startBy = clock.millis() + attemptTakesUpToMs;
        List<ClaimedDelivery> startable = new ArrayList<>(batch.size());
        int lapsed = 0;
        for (ClaimedDelivery delivery : batch) {
            if (delivery.leaseExpiresAt() > startBy) {
                startable.add(delivery);
            } else {
                room.unreserve(delivery.endpointId());
                lapsed++;
            }
        }
        if (lapsed > 0) {
            metrics.handOffLapsed(lapsed);
            log.warn(
                    "{} handed-off deliveries not started: their leases ran (nearly) out before their signing secrets"
                            + " could be read; they are left to the claims",
                    lapsed);
        }
        return startable;
    }

    private List<ClaimedDelivery> drain() {
        List<ClaimedDelivery> batch = new ArrayList<>();
        List<ClaimedDelivery> next;
        while ((next = waiting.poll()) != null) {
            batch.addAll(next);
        }
        return batch;
    }

    private void requeue(List<ClaimedDelivery> batch) {
        if (!batch.isEmpty()) {
            waiting.add(batch);
        }
    }
}
