package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.error.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Create and PATCH of an endpoint together with its optional features — {@code
 * asymmetric_signing}, {@code filter}, {@code ordering}, {@code ordering_key} and {@code
 * rate_limit} — in one transaction with the endpoint's own fields, so an endpoint is never seen half
 * configured. The endpoint's fields are {@link EndpointService}'s; this class only adds the options
 * around it.
 *
 * <p>A filter is checked before anything is written ({@link FilterParser}, then {@link
 * FilterFields} against the event types the endpoint will subscribe to). A PATCH that changes the
 * events but not the filter checks the stored filter against the new types, so no endpoint ends
 * up with a filter on fields its events do not have.
 */
@Service
public class EndpointOptions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The options a create or PATCH sets; an empty Optional leaves one as it is (off, on create).
     *
     * @param asymmetricSigning sign each delivery with an Ed25519 key too ({@code v1a})
     * @param filter the filter on the event's data; a JSON null (or {@code {}}) removes it
     * @param ordering {@code "none"} or {@code "fifo"}, as sent ({@link OrderingFields})
     * @param orderingKey a dotted path into the event's data, as sent; a JSON null removes it
     * @param rateLimit the {@code rate_limit} ({@link RateLimit}); a JSON null removes it
     */
    public record Options(
            Optional<Boolean> asymmetricSigning,
            Optional<JsonNode> filter,
            Optional<JsonNode> ordering,
            Optional<JsonNode> orderingKey,
            Optional<JsonNode> rateLimit) {

        /** Options that leave the ordering and the rate limit as they are. */
        public Options(Optional<Boolean> asymmetricSigning, Optional<JsonNode> filter) {
            this(asymmetricSigning, filter, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Options none() {
            return new Options(Optional.empty(), Optional.empty());
        }
    }

    private final EndpointService endpoints;
    private final AsymmetricSigning signing;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final EventCatalog catalog;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    EndpointOptions(
            EndpointService endpoints,
            AsymmetricSigning signing,
            TransactionTemplate tx,
            AuditLog audit,
            EventCatalog catalog,
            JdbcClient jdbc,
            ApplicationEventPublisher events) {
        this.events = events;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.signing = signing;
        this.tx = tx;
        this.audit = audit;
    }

    /** {@link EndpointService#create}, then the options; one transaction. */
    public CreatedEndpoint create(
            String accountId,
            ApiKeyMode mode,
            String url,
            List<String> eventTypes,
            String description,
            Options options,
            AuditContext context) {
        return create(accountId, mode, url, eventTypes, description, Map.of(), Map.of(), options, context);
    }

    /** {@link EndpointService#create} with custom headers and metadata, then the options; one transaction. */
    public CreatedEndpoint create(
            String accountId,
            ApiKeyMode mode,
            String url,
            List<String> eventTypes,
            String description,
            Map<String, String> headers,
            Map<String, String> metadata,
            Options options,
            AuditContext context) {
        // Checked first against the types as requested; create normalizes (and checks) them the same way.
        Optional<PayloadFilter> filter = options.filter().flatMap(f -> checkedFilter(f, eventTypes));
        DeliveryOrdering ordering = OrderingFields.resolve(
                DeliveryOrdering.NONE,
                options.ordering(),
                options.orderingKey(),
                SubscriptionRules.normalize(eventTypes, catalog),
                true,
                catalog);
        Optional<Integer> rateLimit = options.rateLimit().flatMap(RateLimit::parse);
        return tx.execute(status -> {
            CreatedEndpoint created =
                    endpoints.create(accountId, mode, url, eventTypes, description, headers, metadata, context);
            String id = created.endpoint().id();
            if (options.asymmetricSigning().orElse(false)) {
                signing.set(id, true);
            }
            filter.ifPresent(f -> storeFilter(id, f.json()));
            if (ordering.fifo()) {
                storeOrdering(id, ordering);
            }
            rateLimit.ifPresent(perSecond -> storeRateLimit(id, perSecond));
            return new CreatedEndpoint(endpoints.get(accountId, mode, id), created.signingSecret());
        });
    }

    /** {@link EndpointService#update}, then the options; one transaction. Changed options are audited. */
    public Endpoint update(
            String accountId, ApiKeyMode mode, String id, EndpointPatch patch, Options options, AuditContext context) {
        return tx.execute(status -> {
            Endpoint current = endpoints.get(accountId, mode, id);
            refuseRetargetingListenSession(current, patch);
            List<String> types = patch.eventTypes().orElse(current.eventTypes());
            // The new filter, or the stored one again when only the events change; empty: none.
            Optional<JsonNode> wanted = options.filter()
                    .or(() -> patch.eventTypes().isPresent() && current.filter() != null
                            ? Optional.of(JSON.readTree(current.filter()))
                            : Optional.empty());
            Optional<PayloadFilter> filter = wanted.flatMap(f -> checkedFilter(f, types));
            DeliveryOrdering ordering = OrderingFields.resolve(
                    current.ordering(),
                    options.ordering(),
                    options.orderingKey(),
                    SubscriptionRules.normalize(types, catalog),
                    patch.eventTypes().isPresent(),
                    catalog);
            // Checked before anything is written. Given (options.rateLimit() present) and empty here: removed.
            Optional<Integer> rateLimit =
                    options.rateLimit().map(r -> RateLimit.parse(r).orElse(null));
            Endpoint updated = endpoints.update(accountId, mode, id, patch, context);
            List<AuditChange> changes = new ArrayList<>();
            if (options.rateLimit().isPresent()
                    && !Objects.equals(rateLimit.orElse(null), current.rateLimitPerSecond())) {
                storeRateLimit(id, rateLimit.orElse(null));
                changes.add(new AuditChange(
                        RateLimit.FIELD,
                        Objects.toString(current.rateLimitPerSecond(), null),
                        Objects.toString(rateLimit.orElse(null), null)));
            }
            String newFilter = filter.map(PayloadFilter::json).orElse(null);
            if (options.filter().isPresent() && !java.util.Objects.equals(newFilter, current.filter())) {
                storeFilter(id, newFilter);
                changes.add(AuditChange.named("filter"));
            }
            if (options.asymmetricSigning().isPresent()) {
                boolean on = options.asymmetricSigning().get();
                if (signing.set(id, on)) {
                    changes.add(new AuditChange("asymmetric_signing", Boolean.toString(!on), Boolean.toString(on)));
                }
            }
            changes.addAll(changeOrdering(current, ordering));
            if (changes.isEmpty()) {
                return updated;
            }
            audit.record(accountId, context, AuditAction.ENDPOINT_UPDATED, AuditTarget.endpoint(id), changes);
            return endpoints.get(accountId, mode, id);
        });
    }

    /**
     * A listen session stays one: a new URL would turn it into an HTTP endpoint the engine sends to,
     * and its events are the stream's, chosen when it was opened. The same values again (a dashboard
     * form sends every field) are no change.
     */
    private void refuseRetargetingListenSession(Endpoint current, EndpointPatch patch) {
        if (current.kind() != EndpointKind.LISTEN) {
            return;
        }
        boolean newUrl = patch.url().filter(url -> !url.equals(current.url())).isPresent();
        boolean newEvents = patch.eventTypes()
                .filter(t ->
                        !Set.copyOf(SubscriptionRules.normalize(t, catalog)).equals(Set.copyOf(current.eventTypes())))
                .isPresent();
        if (newUrl || newEvents) {
            throw new ConflictException(
                    "listen_session",
                    "id",
                    "A listen session's URL and events cannot be changed; start webhooks listen again with other events.");
        }
    }

    /** The filter if it is valid for these event types; empty for JSON null or {@code {}} (no filter). */
    private Optional<PayloadFilter> checkedFilter(JsonNode filter, List<String> eventTypes) {
        if (filter.isNull() || (filter.isObject() && filter.isEmpty())) {
            return Optional.empty();
        }
        PayloadFilter parsed = FilterParser.parse(filter);
        FilterFields.check(parsed, SubscriptionRules.normalize(eventTypes, catalog), catalog);
        return Optional.of(parsed);
    }

    /**
     * Stores a changed ordering. Switched off, its queued deliveries are released in this
     * transaction ({@link EndpointOrderingSwitchedOff}). Switched on or to another key, deliveries
     * published from now on are ordered; those pending already keep the line they have (none, for
     * those of an unordered endpoint).
     */
    private List<AuditChange> changeOrdering(Endpoint current, DeliveryOrdering ordering) {
        DeliveryOrdering before = current.ordering();
        if (before.equals(ordering)) {
            return List.of();
        }
        storeOrdering(current.id(), ordering);
        if (before.fifo() && !ordering.fifo()) {
            events.publishEvent(new EndpointOrderingSwitchedOff(current.id()));
        }
        List<AuditChange> changes = new ArrayList<>();
        if (before.fifo() != ordering.fifo()) {
            changes.add(new AuditChange("ordering", before.wire(), ordering.wire()));
        }
        if (!java.util.Objects.equals(before.key(), ordering.key())) {
            changes.add(new AuditChange("ordering_key", before.key(), ordering.key()));
        }
        return changes;
    }

    private void storeOrdering(String endpointId, DeliveryOrdering ordering) {
        jdbc.sql("UPDATE endpoints SET ordering = ?, ordering_key = ? WHERE id = ?")
                .params(ordering.wire(), ordering.key(), endpointId)
                .update();
    }

    /** Stores the limit (null: none) and tells the delivery engine once it is committed. */
    private void storeRateLimit(String endpointId, Integer perSecond) {
        jdbc.sql("UPDATE endpoints SET rate_limit_per_second = ? WHERE id = ?")
                .params(perSecond, endpointId)
                .update();
        events.publishEvent(new EndpointRateLimitChanged(endpointId));
    }

    private void storeFilter(String endpointId, String json) {
        jdbc.sql("UPDATE endpoints SET filter = ? WHERE id = ?")
                .params(json, endpointId)
                .update();
    }
}
