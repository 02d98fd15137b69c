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
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.ReplayDeliveries.StoredEvent;
import app.smartcomply.webhooks.retention.RetentionHorizon;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends a past event again: new deliveries (new {@code whd_} ids, the same event id and payload)
 * to endpoints of the event's account and mode, as if it had just been published to them.
 *
 * <p>Named endpoints must be the event's account's, of its mode, not deleted, active, no listen
 * session, subscribed to the event's type now and, with a filter, one the event's data matches: a
 * replay sends what the endpoint would be sent, so a receiver never gets a type it did not ask for
 * (subscribe it first, or use the test event, to send anything else). Without names, the event goes
 * to every active endpoint subscribed to its type now whose filter its data matches — the endpoints
 * it would reach if it were published today. The service's own {@code webhook.*} events are not
 * replayed.
 */
@Service
public class EventReplay {

    /** Most endpoints one replay may name. */
    public static final int MAX_ENDPOINTS = 100;

    private static final String ENDPOINT_IDS = "endpoint_ids";

    private final JdbcClient jdbc;
    private final EndpointService endpoints;
    private final EndpointsForDelivery subscribers;
    private final RetentionHorizon horizon;
    private final ReplayDeliveries deliveries;
    private final AuditLog audit;
    private final EventCatalog catalog;

    EventReplay(
            JdbcClient jdbc,
            EndpointService endpoints,
            EndpointsForDelivery subscribers,
            RetentionHorizon horizon,
            ReplayDeliveries deliveries,
            AuditLog audit,
            EventCatalog catalog) {
        this.subscribers = subscribers;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.horizon = horizon;
        this.deliveries = deliveries;
        this.audit = audit;
    }

    /**
     * A replay by an account's key: only its own events of the key's mode.
     *
     * @param endpointIds the endpoints to send to; empty for every one subscribed now
     * @throws app.smartcomply.webhooks.error.NotFoundException for an event the account does not
     *     have in this mode, or one past the retention period ({@code event_purged})
     * @throws InvalidInputException for a bad list of endpoints, {@code param} {@code endpoint_ids[i]}
     * @throws ConflictException for a named endpoint that is disabled or a `webhooks listen` session
     */
    public ReplayedEvent replay(
            String accountId,
            ApiKeyMode mode,
            String eventId,
            Optional<List<String>> endpointIds,
            AuditContext context) {
        Optional<StoredEvent> found = find(eventId)
                .filter(stored -> stored.event().accountId().equals(accountId)
                        && stored.event().mode() == mode);
        return replay(
                found.orElseThrow(() -> horizon.missing("event", "evt_", eventId, "id", accountId)),
                endpointIds,
                context);
    }

    /** A replay by the platform (the admin key): any account's event, to that account's endpoints. */
    public ReplayedEvent replayAsPlatform(String eventId, Optional<List<String>> endpointIds, AuditContext context) {
        // No account to tell a purged id from a made-up one by: a missing id is simply missing.
        return replay(
                find(eventId).orElseThrow(() -> horizon.missing("event", "evt_", eventId, "id", null)),
                endpointIds,
                context);
    }

    private ReplayedEvent replay(StoredEvent stored, Optional<List<String>> endpointIds, AuditContext context) {
        Event event = stored.event();
        if (event.createdAt() < horizon.millis()) {
            // Past the retention period but not yet taken by the purge: as good as gone.
            throw horizon.missing("event", "evt_", event.id(), "id", event.accountId());
        }
        if (catalog.find(event.type()).filter(EventType::reserved).isPresent()) {
            // A test event went to one endpoint, a notice about an endpoint to its subscribers at that
            // moment: sent again, they would reach endpoints they were never meant for.
            throw new InvalidInputException(
                    "event_not_replayable",
                    "id",
                    event.type() + " events are sent by the service itself and cannot be replayed.");
        }
        // Filters apply as at publish: a replay never sends an endpoint an event it filters out.
        List<Subscriber> targets = endpointIds.isPresent()
                ? named(stored, endpointIds.get())
                : deliveries.matching(
                        stored, subscribers.activeSubscribers(event.accountId(), event.mode(), event.type()));
        if (targets.isEmpty()) {
            return new ReplayedEvent(event.id(), List.of());
        }
        List<String> ids = targets.stream().map(Subscriber::id).toList();
        Map<String, String> created = deliveries.create(
                stored,
                targets,
                () -> audit.record(
                        event.accountId(),
                        context,
                        AuditAction.EVENT_REPLAYED,
                        AuditTarget.event(event.id()),
                        List.of(new AuditChange(ENDPOINT_IDS, null, String.join(",", ids)))));
        return new ReplayedEvent(
                event.id(),
                created.entrySet().stream()
                        .map(entry -> new ReplayedEvent.NewDelivery(entry.getKey(), entry.getValue()))
                        .toList());
    }

    private List<Subscriber> named(StoredEvent stored, List<String> endpointIds) {
        Event event = stored.event();
        if (endpointIds.isEmpty()) {
            throw new InvalidInputException(
                    "endpoint_ids_empty",
                    ENDPOINT_IDS,
                    "endpoint_ids must name at least one endpoint; leave it out to send to every subscribed endpoint.");
        }
        if (endpointIds.size() > MAX_ENDPOINTS) {
            throw new InvalidInputException(
                    "too_many_endpoint_ids",
                    ENDPOINT_IDS,
                    "endpoint_ids names " + endpointIds.size() + " endpoints; at most " + MAX_ENDPOINTS
                            + " at a time.");
        }
        List<Subscriber> targets = new ArrayList<>(endpointIds.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpointIds.size(); i++) {
            String id = endpointIds.get(i);
            String param = ENDPOINT_IDS + "[" + i + "]";
            if (!seen.add(id)) {
                throw new InvalidInputException("duplicate_endpoint_id", param, "This endpoint is named twice.");
            }
            // Another account's, the other mode's, a deleted and a made-up endpoint all look the same.
            Endpoint endpoint = endpoints
                    .find(event.accountId(), event.mode(), id)
                    .orElseThrow(() ->
                            // The id is not echoed: it is the caller's input, whatever it holds.
                            new InvalidInputException(
                                    "unknown_endpoint",
                                    param,
                                    param + " is not an endpoint of this event's account and mode."));
            if (endpoint.kind() == EndpointKind.LISTEN) {
                // The engine never sends to a session; its CLI gets past events by resuming its stream.
                throw new ConflictException(
                        "listen_session",
                        param,
                        "Endpoint " + id
                                + " is a `webhooks listen` session; it receives events through its stream only.");
            }
            if (!endpoint.subscribesTo(event.type())) {
                throw new InvalidInputException(
                        "endpoint_not_subscribed",
                        param,
                        "Endpoint " + id + " is not subscribed to " + event.type() + "; subscribe it first.");
            }
            if (endpoint.status() != EndpointStatus.ACTIVE) {
                throw new ConflictException(
                        "endpoint_disabled", param, "Endpoint " + id + " is disabled; enable it first, then replay.");
            }
            Subscriber target = new Subscriber(endpoint.id(), endpoint.url(), endpoint.filter(), endpoint.ordering());
            if (deliveries.matching(stored, List.of(target)).isEmpty()) {
                throw new InvalidInputException(
                        "endpoint_filter_not_matched",
                        param,
                        "The event's data does not match the filter of endpoint " + id + "; change the filter first.");
            }
            targets.add(target);
        }
        return targets;
    }

    private Optional<StoredEvent> find(String eventId) {
        return jdbc.sql("SELECT " + STORED_EVENT_COLUMNS + " FROM events WHERE id = ?")
                .param(eventId)
                .query(EventReplay::storedEvent)
                .optional();
    }

    /** The columns {@link #storedEvent} reads, in its order. */
    static final String STORED_EVENT_COLUMNS = "id, account_id, type, created_at, payload, mode, traceparent";

    static StoredEvent storedEvent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredEvent(
                new Event(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getBytes(5),
                        ApiKeyMode.fromStored(rs.getString(6))),
                rs.getString(7));
    }
}
