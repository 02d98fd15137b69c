package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.delivery.EndpointHealthListener;
import app.smartcomply.webhooks.delivery.EndpointHealthListener.DeadLetter;
import app.smartcomply.webhooks.delivery.EndpointHealthListener.EndpointOutcome;
import app.smartcomply.webhooks.delivery.HumanDuration;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.Grouped;
import app.smartcomply.webhooks.store.GroupedWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Writes down attempts and their consequences in one transaction: the attempt rows, the
 * deliveries' new states, the endpoints' failure records, and — when the endpoint answered 410 or has failed
 * without a success for the auto-disable period — switching the endpoint off (which publishes
 * {@code webhook.endpoint.disabled} in the same commit). Then tells the {@link
 * EndpointHealthListener}s, still in the same transaction.
 *
 * <p>Group commit: each attempt's thread queues its outcome once ({@link #record}) and waits; the
 * store's {@link GroupCommitter} takes every outcome queued at that moment (at most {@code
 * maxBatch}) and writes them with one call of {@link #writeAll}, in one transaction — on SQLite the
 * writer's, shared with every other unit waiting then; on PostgreSQL one of the group's own thread
 * ({@code attempt-recorder}). One commit and one fsync per group instead of per attempt, and one
 * endpoint-row update per endpoint per group instead of a lock queue on a hot endpoint's row.
 * {@code maxBatch} 1 turns grouping off.
 *
 * <p>Semantics are those of recording one by one: {@link #record} returns when the outcome is
 * committed, or throws if it was not (the caller retries, and after its lease the delivery is
 * attempted again). If a group fails for a reason other than an unreachable database, its members
 * are written one by one, so one bad outcome cannot hold back the others.
 */
final class AttemptRecorder implements GroupedWrite<AttemptOutcome>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    private final DeliveryQueue queue;
    private final EndpointsForDelivery endpoints;
    private final Grouped<AttemptOutcome> outcomes;
    private final Clock clock;
    private final Duration autoDisableAfter;
    private final List<EndpointHealthListener> listeners;

    AttemptRecorder(
            DeliveryQueue queue,
            EndpointsForDelivery endpoints,
            GroupCommitter commits,
            Clock clock,
            Duration autoDisableAfter,
            int maxBatch,
            List<EndpointHealthListener> listeners) {
        this.queue = queue;
        this.endpoints = endpoints;
        this.clock = clock;
        this.autoDisableAfter = autoDisableAfter;
        this.listeners = List.copyOf(listeners);
        this.outcomes = commits.grouped("attempt-recorder", maxBatch, this); // last: it may call writeAll
    }

    /**
     * Writes the outcome down with the others queued meanwhile; returns once it is committed.
     *
     * @throws RuntimeException what the store threw (or {@link IllegalStateException} once closed)
     */
    void record(ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next) {
        outcomes.write(new AttemptOutcome(delivery, owner, result, next));
    }

    /**
     * {@link #record}, retrying through a short database outage for up to {@code giveUpAfter}: the
     * receiver already has the delivery, and recording it spares a duplicate later.
     */
    void recordWithRetries(
            ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next, Duration giveUpAfter) {
        long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
        while (true) {
            try {
                record(delivery, owner, result, next);
                return;
            } catch (RuntimeException e) {
                // Interrupted means the node is being stopped: the lease will run out instead.
                if (System.nanoTime() > giveUpAt || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn("Recording attempt of delivery {} failed, retrying: {}", delivery.id(), e.getMessage());
                // Returns early, flag kept, if the node is being stopped: the check above then ends the loop.
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** Writes what is queued, then stops; later calls to {@link #record} fail. */
    @Override
    public void close() {
        outcomes.close();
    }

    /**
     * Writes down several attempts, inside the group's transaction: one commit, one fsync, however
     * many attempts.
     *
     * <p>Endpoints are updated first, one row per endpoint, in id order: every recording
     * transaction, on every node, then takes endpoint row locks in the same order, and in the same
     * order as deleting an endpoint (endpoint row, then its deliveries), so they cannot deadlock.
     * An endpoint with any success among the attempts counts as succeeding; otherwise its run of
     * failures starts (or goes on).
     */
    @Override
    public void writeAll(List<AttemptOutcome> outcomes) {
        long now = clock.millis();
        Map<String, List<AttemptOutcome>> byEndpoint = new TreeMap<>();
        for (AttemptOutcome outcome : outcomes) {
            byEndpoint
                    .computeIfAbsent(outcome.delivery().endpointId(), id -> new ArrayList<>())
                    .add(outcome);
        }
        List<EndpointOutcome> health = new ArrayList<>(byEndpoint.size());
        byEndpoint.forEach((endpointId, attempts) -> {
            boolean anySucceeded = attempts.stream().anyMatch(o -> o.result().succeeded());
            Long failingSince = endpoints.recordDeliveryOutcome(endpointId, anySucceeded, now);
            health.add(new EndpointOutcome(
                    endpointId,
                    anySucceeded,
                    failingSince,
                    anySucceeded ? null : lastError(attempts.getLast().result())));
            String goneReason = attempts.stream()
                    .map(o -> o.next().disableEndpointReason())
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (goneReason != null) {
                endpoints.disableAutomatically(endpointId, goneReason);
            } else if (failingSince != null && now - failingSince >= autoDisableAfter.toMillis()) {
                endpoints.disableAutomatically(
                        endpointId,
                        "No successful delivery for " + HumanDuration.of(autoDisableAfter) + " (failing since "
                                + Instant.ofEpochMilli(failingSince) + ").");
            }
        });
        List<Boolean> resolved = queue.resolveAll(outcomes, now);
        if (!listeners.isEmpty()) {
            List<DeadLetter> dead = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                AttemptOutcome outcome = outcomes.get(i);
                if (resolved.get(i) && outcome.next().status() == DeliveryStatus.FAILED) {
                    ClaimedDelivery d = outcome.delivery();
                    dead.add(new DeadLetter(
                            d.id(),
                            d.accountId(),
                            d.eventId(),
                            d.eventType(),
                            d.endpointId(),
                            d.url(),
                            d.attemptNumber(),
                            lastError(outcome.result())));
                }
            }
            listeners.forEach(listener -> listener.recorded(health, dead, now));
        }
    }

    /**
     * Whether a failed group should be retried member by member: yes if something in it may be at
     * fault; no if the database is unreachable or the failure was transient (a deadlock, a
     * serialization failure) — then every member fails now and its caller retries.
     */
    @Override
    public boolean retryAlone(RuntimeException e) {
        return e instanceof DataAccessException
                && !(e instanceof DataAccessResourceFailureException)
                && !(e instanceof TransientDataAccessException);
    }

    /** An attempt's failure in a few words: the error, or the HTTP status it was answered with. */
    static String lastError(AttemptResult result) {
        if (result.error() != null) {
            return result.error();
        }
        return result.status() == null ? "No response" : "HTTP " + result.status();
    }
}
