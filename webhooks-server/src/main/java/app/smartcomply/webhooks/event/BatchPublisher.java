package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.tracing.TraceSpan;
import app.smartcomply.webhooks.tracing.Tracing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Publishes many events in one request, each exactly as {@link EventPublisher#publish} would —
 * the same checks, idempotency keys and answers — but all of them in one unit of work: one
 * commit (one fsync on SQLite) for the whole batch instead of one per event.
 *
 * <p>Every event is checked before anything is written. Without {@code atomic}, an event that
 * fails its checks is refused alone and the others are published; with {@code atomic}, the first
 * refusal refuses the whole batch ({@link BatchRefusedException}) and nothing is stored. Either
 * way each event and its deliveries commit together, and once {@link #publish} returns, every
 * event it reports as published is durable.
 */
@Service
public class BatchPublisher {

    /** Most events in one batch. */
    public static final int MAX_EVENTS = 1_000;

    /** How often a batch is run: again after losing an idempotency-key race or a deadlock to another request. */
    private static final int ATTEMPTS = 5;

    private final EventPublisher events;
    private final GroupCommitter commits;
    private final EndpointsForDelivery endpoints;
    private final Tracing tracing;

    BatchPublisher(EventPublisher events, GroupCommitter commits, EndpointsForDelivery endpoints, Tracing tracing) {
        this.events = events;
        this.commits = commits;
        this.endpoints = endpoints;
        this.tracing = tracing;
    }

    /**
     * Publishes the events of a batch.
     *
     * @param requests the batch's readable events, in order (the caller answers for the others)
     * @param atomic whether one refused event refuses them all
     * @return one outcome per request, in the order given
     * @throws BatchRefusedException if {@code atomic} and an event was refused: nothing was stored
     */
    public List<BatchOutcome> publish(List<BatchRequest> requests, boolean atomic) {
        TraceSpan span = tracing.publish("batch");
        try {
            List<BatchOutcome> outcomes = publishTraced(requests, atomic, span.traceparent());
            span.attribute("webhooks.batch.events", requests.size());
            return outcomes;
        } catch (RuntimeException | Error e) {
            span.failed(e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private List<BatchOutcome> publishTraced(List<BatchRequest> requests, boolean atomic, String traceparent) {
        BatchOutcome[] outcomes = new BatchOutcome[requests.size()];
        // Every check before the unit of work, which on SQLite runs on the store's one writer thread.
        List<Prepared> prepared = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            BatchRequest request = requests.get(i);
            try {
                prepared.add(new Prepared(
                        i,
                        request.index(),
                        events.prepare(
                                request.accountId(),
                                request.mode(),
                                request.type(),
                                request.data(),
                                request.idempotencyKey())));
            } catch (InvalidInputException | NotFoundException refused) {
                if (atomic) {
                    throw new BatchRefusedException(request.index(), refused);
                }
                outcomes[i] = BatchOutcome.refused(request.index(), refused);
            }
        }
        if (!prepared.isEmpty()) {
            List<BatchOutcome> written = write(prepared, atomic, traceparent);
            for (int k = 0; k < written.size(); k++) {
                outcomes[prepared.get(k).position()] = written.get(k);
            }
        }
        return List.of(outcomes);
    }

    /** Writes the prepared events in one unit of work; one outcome per event, in the same order. */
    private List<BatchOutcome> write(List<Prepared> prepared, boolean atomic, String traceparent) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Deliveries this node has room for start once the whole batch has committed.
                return commits.execute(() -> writeAll(prepared, atomic, traceparent));
            } catch (DuplicateKeyException raced) {
                // Another request committed one of these idempotency keys between this unit's look-up and
                // its insert (PostgreSQL, where units run in parallel): the unit rolled back whole, and run
                // again it finds that request's event and answers with it, as a single publish does.
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            } catch (PessimisticLockingFailureException deadlocked) {
                // Two batches reaching the same ordered endpoints' lines in opposite orders (PostgreSQL):
                // one is chosen to fail and rolled back whole. Run again at once it would meet the other
                // half-way through the same lines again; a moment later the other has committed.
                if (attempt == ATTEMPTS) {
                    throw deadlocked;
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    /** 10–30 ms times the attempt: long enough for a batch that won a deadlock to commit. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(attempt
                    * (10L + java.util.concurrent.ThreadLocalRandom.current().nextLong(20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }

    private List<BatchOutcome> writeAll(List<Prepared> prepared, boolean atomic, String traceparent) {
        // The whole batch is published at one moment: the subscribers of an account, mode and type are
        // asked once, not once per event.
        Map<Audience, List<Subscriber>> subscribers = new HashMap<>();
        List<BatchOutcome> written = new ArrayList<>(prepared.size());
        for (Prepared one : prepared) {
            Event event = one.event().event();
            Audience audience = new Audience(event.accountId(), event.mode(), event.type());
            try {
                PublishedEvent published = events.store(
                        one.event(),
                        () -> subscribers.computeIfAbsent(
                                audience, a -> endpoints.activeSubscribers(a.accountId(), a.mode(), a.type())),
                        traceparent);
                written.add(BatchOutcome.published(one.index(), published));
            } catch (ConflictException reused) {
                // A key used before with other content: refused before anything of this event was written.
                if (atomic) {
                    throw new BatchRefusedException(one.index(), reused);
                }
                written.add(BatchOutcome.refused(one.index(), reused));
            }
        }
        return written;
    }

    /** A checked event, its position in the request list and its index in the batch. */
    private record Prepared(int position, int index, PreparedEvent event) {}

    /** Who receives an event: the key of the subscribers asked once per unit. */
    private record Audience(String accountId, ApiKeyMode mode, String type) {}
}
