package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.catalog.DataViolation;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.delivery.DeliveryIntake;
import app.smartcomply.webhooks.delivery.EventToDeliver;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.endpoint.SubscriberFilter;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.store.AfterCommit;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import app.smartcomply.webhooks.store.TransactionStatements;
import app.smartcomply.webhooks.tracing.TraceSpan;
import app.smartcomply.webhooks.tracing.Tracing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events: a transactional outbox. The event row and one delivery per
 * subscribed, active endpoint commit together, so once {@link #publish} returns, the event is
 * durable and will reach every endpoint that was subscribed at that moment at least once.
 */
@Service
public class EventPublisher {

    /** Largest {@code data} accepted, measured as compact JSON. */
    public static final int MAX_DATA_BYTES = 256 * 1024;

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final String INSERT_EVENT = "INSERT INTO events (id, account_id, mode, type, payload, created_at,"
            + " idempotency_key, request_fingerprint, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    /** The event insert, compiled once per group commit on SQLite instead of once per publish. */
    private final TransactionStatements statements;

    private final TransactionTemplate tx;
    private final GroupCommitter commits;
    private final PrefixedIds ids;
    private final Clock clock;
    private final JsonMapper json;
    private final EventCatalog catalog;
    private final AccountService accounts;
    private final EndpointsForDelivery endpoints;
    private final DeliveryIntake deliveries;
    private final EventReader reader;
    private final Tracing tracing;
    private final SubscriberFilter subscriberFilter;
    private final PublishSignal publishSignal;

    EventPublisher(
            JdbcClient jdbc,
            TransactionStatements statements,
            TransactionTemplate tx,
            GroupCommitter commits,
            PrefixedIds ids,
            Clock clock,
            JsonMapper json,
            EventCatalog catalog,
            AccountService accounts,
            EndpointsForDelivery endpoints,
            DeliveryIntake deliveries,
            EventReader reader,
            Tracing tracing,
            SubscriberFilter subscriberFilter,
            PublishSignal publishSignal) {
        this.subscriberFilter = subscriberFilter;
        this.publishSignal = publishSignal;
        this.jdbc = jdbc;
        this.statements = statements;
        this.tx = tx;
        this.commits = commits;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.catalog = catalog;
        this.accounts = accounts;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.reader = reader;
        this.tracing = tracing;
    }

    /**
     * Publishes an event for an account on behalf of a SmartComply service.
     *
     * @param mode the world it is published in: it goes only to the account's endpoints of this mode
     * @param idempotencyKey optional; a repeat with the same key (in the same account and mode) and
     *     the same type and data returns the original event and creates nothing, a repeat with
     *     different content is a conflict. The same key in the other mode is another event.
     * @throws InvalidInputException for an unknown or reserved type, or data that breaks its schema
     * @throws NotFoundException if the account does not exist
     */
    public PublishedEvent publish(
            String accountId, ApiKeyMode mode, String type, JsonNode data, String idempotencyKey) {
        // The publish span's traceparent is stored with the event: each delivery attempt, on whatever
        // thread or node and however much later, continues this trace from it.
        TraceSpan span = tracing.publish(type);
        try {
            PublishedEvent published = publishTraced(accountId, mode, type, data, idempotencyKey, span.traceparent());
            span.attribute("webhooks.event.id", published.event().id());
            span.attribute("webhooks.deliveries", published.deliveries());
            return published;
        } catch (RuntimeException | Error e) {
            span.failed(e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private PublishedEvent publishTraced(
            String accountId, ApiKeyMode mode, String type, JsonNode data, String idempotencyKey, String traceparent) {
        PreparedEvent prepared = prepare(accountId, mode, type, data, idempotencyKey);
        try {
            return commits.execute(
                    () -> store(prepared, () -> endpoints.activeSubscribers(accountId, mode, type), traceparent));
        } catch (DuplicateKeyException raced) {
            // Two requests with the same key at the same moment: the other one committed first.
            return replay(accountId, mode, idempotencyKey, prepared.fingerprint())
                    .orElseThrow(() -> raced);
        }
    }

    /**
     * The checks of a publish and its event, all before any write: the type is publishable, the
     * data matches its schema, the key is well formed, the account exists.
     *
     * @throws InvalidInputException for a bad type, data or idempotency key (param {@code type},
     *     {@code data…} or {@code Idempotency-Key})
     * @throws NotFoundException if the account does not exist (param {@code account_id})
     */
    PreparedEvent prepare(String accountId, ApiKeyMode mode, String type, JsonNode data, String idempotencyKey) {
        EventType eventType = requirePublishable(type);
        byte[] dataBytes = validData(eventType, data);
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                        || !idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            // Printable ASCII only: a header's other bytes arrive as Latin-1 guesses, and the same key
            // must mean the same thing however a client's HTTP library encodes it.
            throw new InvalidInputException(
                    "invalid_idempotency_key",
                    "Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters.");
        }
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFoundException("account", accountId, "account_id");
        }
        String fingerprint = idempotencyKey == null ? null : fingerprint(type, dataBytes);
        // The event is made before the transaction: on SQLite the transaction runs on the store's one
        // writer thread, which should only run statements, not serialize JSON or draw ids.
        return new PreparedEvent(newEvent(accountId, mode, type, dataBytes), data, idempotencyKey, fingerprint);
    }

    /**
     * The write of a publish, inside its unit of work: the original event if the idempotency key was
     * used before (in this unit too), else the event and one delivery per target.
     *
     * @param targets asked only when the event is new
     * @throws ConflictException if the key was used before with other content (nothing written)
     */
    PublishedEvent store(PreparedEvent prepared, Supplier<List<Subscriber>> targets, String traceparent) {
        Event event = prepared.event();
        if (prepared.idempotencyKey() != null) {
            Optional<PublishedEvent> original =
                    replay(event.accountId(), event.mode(), prepared.idempotencyKey(), prepared.fingerprint());
            if (original.isPresent()) {
                return original.get();
            }
        }
        // Endpoints whose filter the data does not match get no delivery of this event. Deliveries
        // this node has room for start straight from the commit, instead of waiting for a claim.
        List<Subscriber> matching = subscriberFilter.matching(targets.get(), prepared.data());
        wakeListenStreams();
        return insert(event, prepared.idempotencyKey(), prepared.fingerprint(), matching, true, traceparent);
    }

    /**
     * Publishes one of the service's own ({@code webhook.*}) events in the given mode. Joins the
     * caller's transaction.
     *
     * @param onlyTo if present, deliver to this endpoint alone, whatever it subscribes to (the test
     *     event); otherwise to every active subscriber of the type
     */
    public PublishedEvent publishSystemEvent(
            String accountId, ApiKeyMode mode, String type, JsonNode data, Optional<Endpoint> onlyTo) {
        if (catalog.find(type).filter(EventType::reserved).isEmpty()) {
            throw new IllegalArgumentException(type + " is not a system event type");
        }
        if (onlyTo.isPresent() && onlyTo.get().mode() != mode) {
            throw new IllegalArgumentException("an event of one mode cannot go to an endpoint of the other");
        }
        Event event = newEvent(accountId, mode, type, json.writeValueAsBytes(data));
        // Joins the caller's transaction (a disable, a test event), whose outcome is not known here:
        // nothing is handed off, the claims take these deliveries.
        return tx.execute(status -> {
            wakeListenStreams();
            return insert(
                    event,
                    null,
                    null,
                    onlyTo.map(endpoint -> List.of(new Subscriber(endpoint.id(), endpoint.url())))
                            .orElseGet(() -> subscriberFilter.matching(
                                    endpoints.activeSubscribers(accountId, mode, type), data)),
                    false,
                    null);
        });
    }

    /**
     * A new event with its id, time and the exact payload its deliveries will carry.
     *
     * @param data the event's data as {@code json} serialized it
     */
    private Event newEvent(String accountId, ApiKeyMode mode, String type, byte[] data) {
        long now = clock.millis();
        String id = ids.next("evt_");
        byte[] payload = EventPayload.of(json, id, type, WireFormat.timestamp(now), data);
        return new Event(id, accountId, type, now, payload, mode);
    }

    private PublishedEvent insert(
            Event event,
            String idempotencyKey,
            String fingerprint,
            List<Subscriber> targets,
            boolean startHere,
            String traceparent) {
        statements.run(INSERT_EVENT, ps -> {
            ps.setString(1, event.id());
            ps.setString(2, event.accountId());
            ps.setString(3, event.mode().wire());
            ps.setString(4, event.type());
            ps.setBytes(5, event.payload());
            ps.setLong(6, event.createdAt());
            ps.setString(7, idempotencyKey);
            ps.setString(8, fingerprint);
            ps.setString(9, traceparent);
            return ps.executeUpdate();
        });
        deliveries.enqueue(
                new EventToDeliver(
                        event.id(),
                        event.accountId(),
                        event.mode(),
                        event.type(),
                        event.createdAt(),
                        event.payload(),
                        traceparent),
                targets,
                startHere);
        return new PublishedEvent(event, targets.size(), false);
    }

    /** The original of a repeated idempotency key; a {@link ConflictException} if its content differs. */
    Optional<PublishedEvent> replay(String accountId, ApiKeyMode mode, String idempotencyKey, String fingerprint) {
        record Original(String id, String fingerprint) {}
        Optional<Original> original = jdbc.sql(
                        "SELECT id, request_fingerprint FROM events WHERE account_id = ? AND mode = ? AND idempotency_key = ?")
                .params(accountId, mode.wire(), idempotencyKey)
                .query((rs, n) -> new Original(rs.getString(1), rs.getString(2)))
                .optional();
        if (original.isEmpty()) {
            return Optional.empty();
        }
        if (!original.get().fingerprint().equals(fingerprint)) {
            throw new ConflictException(
                    "idempotency_key_reused",
                    "Idempotency-Key",
                    "This Idempotency-Key was already used with a different type or data.");
        }
        Event event = reader.get(accountId, mode, original.get().id());
        return Optional.of(new PublishedEvent(event, reader.deliveryCount(event.id()), true));
    }

    private EventType requirePublishable(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type_required", "type", "type is required.");
        }
        EventType eventType = catalog.find(type)
                .orElseThrow(() -> new InvalidInputException(
                        "unknown_event_type",
                        "type",
                        "Unknown event type '" + (type.length() > 100 ? type.substring(0, 100) + "…" : type)
                                + "'. GET /api/v1/webhooks/event-types lists them."));
        if (eventType.reserved()) {
            throw new InvalidInputException(
                    "reserved_event_type",
                    "type",
                    type + " is sent by the webhook service itself and cannot be published.");
        }
        return eventType;
    }

    private byte[] validData(EventType type, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new InvalidInputException("data_required", "data", "data is required.");
        }
        if (!data.isObject()) {
            throw new InvalidInputException("invalid_data", "data", "data must be a JSON object.");
        }
        byte[] bytes = json.writeValueAsBytes(data);
        if (bytes.length > MAX_DATA_BYTES) {
            throw new InvalidInputException(
                    "data_too_large",
                    "data",
                    "data is " + bytes.length + " bytes; the limit is " + MAX_DATA_BYTES + " (256 KiB).");
        }
        List<DataViolation> violations = catalog.validate(type.name(), data);
        if (!violations.isEmpty()) {
            DataViolation first = violations.getFirst();
            throw new InvalidInputException("invalid_event_data", first.param(), first.message());
        }
        return bytes;
    }

    private static String fingerprint(String type, byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(type.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(data);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wakes this node's listen streams once the unit or transaction at hand has committed. */
    private void wakeListenStreams() {
        if (publishSignal.anyListening()) {
            AfterCommit.run(publishSignal::published);
        }
    }
}
