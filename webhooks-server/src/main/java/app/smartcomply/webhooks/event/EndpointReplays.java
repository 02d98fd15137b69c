package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointKind;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.event.EndpointReplayStore.Job;
import app.smartcomply.webhooks.retention.RetentionHorizon;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays of a window of past events to one endpoint — "what did I miss?" Each is a job: started
 * here, run in batches on a virtual thread ({@link EndpointReplayRun}), its progress readable at
 * any time. Every event of the endpoint's account and mode published in {@code [since, until)}
 * whose type the endpoint subscribes to now (or, if {@code types} are given, one of those) gets a
 * new delivery, in order of publication — also those published while the endpoint was disabled.
 * The service's own {@code webhook.*} messages are never replayed. Delivery then runs as for any
 * delivery: in parallel, unless the endpoint asks for ordering.
 *
 * <p>One replay runs per endpoint at a time, across nodes (a unique index on the running row). A
 * replay whose node stopped is resumed by another node (or this one, restarted) from its last
 * committed batch once it has not moved for {@link #STALE_AFTER} ({@link EndpointReplayResumer}).
 */
@Service
public class EndpointReplays {

    /** Events per batch: one unit of the group committer each, payloads included. */
    static final int BATCH = 100;

    /** How long a running replay may go without a committed batch before another runner takes it. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** Finished replays kept per endpoint. */
    public static final int KEEP_PER_ENDPOINT = 20;

    private final EndpointService endpoints;
    private final EventCatalog catalog;
    private final EndpointReplayStore store;
    private final ReplayDeliveries deliveries;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final Clock clock;
    private final RetentionHorizon horizon;
    private final AuditLog audit;
    private final List<String> reservedTypes;

    EndpointReplays(
            EndpointService endpoints,
            EventCatalog catalog,
            JdbcClient jdbc,
            ReplayDeliveries deliveries,
            TransactionTemplate tx,
            PrefixedIds ids,
            Clock clock,
            RetentionHorizon horizon,
            AuditLog audit) {
        this.endpoints = endpoints;
        this.catalog = catalog;
        this.store = new EndpointReplayStore(jdbc);
        this.deliveries = deliveries;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.horizon = horizon;
        this.audit = audit;
        this.reservedTypes = catalog.allVersions().stream()
                .filter(EventType::reserved)
                .map(EventType::name)
                .distinct()
                .toList();
    }

    /**
     * Starts a replay and returns it, running; the deliveries are created off the caller's thread.
     *
     * @param until end of the window (exclusive); null for now
     * @param types the types to replay, each subscribed by the endpoint; empty for its subscription
     * @throws NotFoundException if the account has no such endpoint in this mode
     * @throws InvalidInputException for a bad window ({@code since}, {@code until}) or type ({@code types[i]})
     * @throws ConflictException {@code listen_session}, {@code endpoint_disabled}, or {@code replay_in_progress}
     */
    public EndpointReplay start(
            String accountId,
            ApiKeyMode mode,
            String endpointId,
            long since,
            Long until,
            Optional<List<String>> types,
            AuditContext context) {
        Endpoint endpoint = endpoints.get(accountId, mode, endpointId);
        if (endpoint.kind() == EndpointKind.LISTEN) {
            // The engine never sends to a session; its CLI gets past events by resuming its stream.
            throw new ConflictException(
                    "listen_session",
                    "id",
                    "This endpoint is a `webhooks listen` session; it receives events through its stream only.");
        }
        long now = clock.millis();
        long end = until == null ? now : until;
        if (end > now) {
            throw new InvalidInputException("until_in_future", "until", "until cannot be later than now.");
        }
        if (since >= end) {
            throw new InvalidInputException("invalid_window", "since", "since must be earlier than until.");
        }
        long retention = now - horizon.millis();
        if (end - since > retention) {
            throw new InvalidInputException(
                    "window_too_long",
                    "since",
                    "The window is longer than the retention period ("
                            + Duration.ofMillis(retention).toDays() + " days); older events are deleted.");
        }
        List<String> replayed = types.map(list -> validTypes(endpoint, list)).orElse(endpoint.eventTypes());
        if (endpoint.status() != EndpointStatus.ACTIVE) {
            throw new ConflictException(
                    "endpoint_disabled", "id", "The endpoint is disabled; enable it first, then replay.");
        }
        if (store.hasRunning(endpointId)) {
            throw inProgress();
        }
        String id = ids.next("rpl_");
        Job job = new Job(id, accountId, mode, endpointId, since, end, replayed, "");
        EndpointReplay replay;
        try {
            replay = tx.execute(status -> {
                EndpointReplay started = new EndpointReplay(
                        id,
                        accountId,
                        mode,
                        endpointId,
                        since,
                        end,
                        replayed,
                        EndpointReplay.RUNNING,
                        store.countEvents(job, reservedTypes),
                        0,
                        null,
                        now,
                        null);
                store.insertRunning(started);
                store.prune(endpointId, KEEP_PER_ENDPOINT);
                audit.record(
                        accountId,
                        context,
                        AuditAction.ENDPOINT_REPLAY_STARTED,
                        AuditTarget.endpoint(endpointId),
                        List.of(
                                new AuditChange("replay", null, id),
                                new AuditChange("since", null, WireFormat.timestamp(since)),
                                new AuditChange("until", null, WireFormat.timestamp(end)),
                                new AuditChange("types", null, String.join(",", replayed))));
                return started;
            });
        } catch (DataAccessException e) {
            // The unique index on the running row: SQLite's driver reports it without a state Spring
            // translates, so ask the store what happened.
            if (store.hasRunning(endpointId)) {
                throw inProgress();
            }
            throw e;
        }
        launch(id);
        return replay;
    }

    private List<String> validTypes(Endpoint endpoint, List<String> requested) {
        if (requested.isEmpty()) {
            throw new InvalidInputException(
                    "types_empty",
                    "types",
                    "types must name at least one type; leave it out to replay every type the endpoint subscribes to.");
        }
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            String param = "types[" + i + "]";
            if (catalog.find(type).filter(t -> !t.reserved()).isEmpty()) {
                throw new InvalidInputException(
                        "unknown_event_type",
                        param,
                        param + " is not a type of the event catalog (GET /api/v1/webhooks/event-types).");
            }
            if (!endpoint.subscribesTo(type)) {
                throw new InvalidInputException(
                        "endpoint_not_subscribed",
                        param,
                        "The endpoint is not subscribed to " + type + "; subscribe it first.");
            }
            valid.add(type);
        }
        return new ArrayList<>(valid);
    }

    private static ConflictException inProgress() {
        return new ConflictException(
                "replay_in_progress",
                "id",
                "A replay to this endpoint is running. Wait for it to"
                        + " complete (GET /api/v1/webhooks/endpoints/{id}/replays) before starting another.");
    }

    /** @throws NotFoundException if the account's endpoint has no such replay */
    public EndpointReplay get(String accountId, ApiKeyMode mode, String endpointId, String replayId) {
        return store.find(accountId, mode, endpointId, replayId)
                .orElseThrow(() -> new NotFoundException("replay", replayId, "replay_id"));
    }

    /**
     * The endpoint's replays, newest first (the last {@value #KEEP_PER_ENDPOINT}).
     *
     * @throws NotFoundException if the account has no such endpoint
     */
    public List<EndpointReplay> list(String accountId, ApiKeyMode mode, String endpointId) {
        endpoints.get(accountId, mode, endpointId);
        return store.list(accountId, mode, endpointId, KEEP_PER_ENDPOINT);
    }

    /**
     * Resumes every running replay that has not moved for {@link #STALE_AFTER}: its node stopped
     * (or its runner hit an error). Each is taken by one node only.
     *
     * @return how many this node took
     */
    int resumeStale() {
        long now = clock.millis();
        long staleBefore = now - STALE_AFTER.toMillis();
        int taken = 0;
        for (String id : store.stale(staleBefore)) {
            if (store.takeOver(id, staleBefore, now)) {
                launch(id);
                taken++;
            }
        }
        return taken;
    }

    void deleteOfEndpoint(String endpointId) {
        store.deleteOfEndpoint(endpointId);
    }

    private void launch(String replayId) {
        Thread.ofVirtual()
                .name("endpoint-replay-" + replayId)
                .start(new EndpointReplayRun(replayId, store, deliveries, endpoints, reservedTypes, BATCH, clock));
    }
}
