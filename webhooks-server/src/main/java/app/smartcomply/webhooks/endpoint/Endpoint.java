package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's receiver: where to POST, which event types it wants, and whether it is on.
 *
 * @param eventTypes subscribed type names, or the single element {@code "*"} for all
 * @param secretHint a masked form of the current signing secret; the secret itself is shown once
 * @param failingSince when the current run of failures began (no success since), or null
 * @param mode the world it belongs to: only keys of this mode see it, only events of this mode
 *     reach it
 * @param signingKey the current {@code v1a} public key, or null if the endpoint has not opted in
 *     to asymmetric signatures
 * @param filter the filter on the event's data, compact JSON, or null for every event of the
 *     subscribed types
 * @param kind an HTTP receiver, or a {@code webhooks listen} session the engine never sends to
 * @param customHeaderNames the names of its custom headers, in the order saved; their values are
 *     never part of an endpoint as read (see {@link CustomHeader})
 * @param metadata the customer's own labels, sorted by key (see {@link EndpointMetadata})
 * @param ordering the order its deliveries are sent in (see {@link DeliveryOrdering})
 * @param rateLimitPerSecond the most requests it is sent in any second ({@link RateLimit}), or null
 *     for no limit
 */
public record Endpoint(
        String id,
        String accountId,
        String url,
        String description,
        List<String> eventTypes,
        EndpointStatus status,
        String disabledReason,
        long createdAt,
        long updatedAt,
        Long failingSince,
        Long lastSuccessAt,
        String secretHint,
        ApiKeyMode mode,
        PublicSigningKey signingKey,
        String filter,
        EndpointKind kind,
        List<String> customHeaderNames,
        Map<String, String> metadata,
        DeliveryOrdering ordering,
        Integer rateLimitPerSecond) {

    /** This endpoint with the metadata read beside it, kept sorted by key. */
    Endpoint withMetadata(Map<String, String> metadata) {
        // Not Map.copyOf: its iteration order changes from one JVM to the next.
        return new Endpoint(
                id,
                accountId,
                url,
                description,
                eventTypes,
                status,
                disabledReason,
                createdAt,
                updatedAt,
                failingSince,
                lastSuccessAt,
                secretHint,
                mode,
                signingKey,
                filter,
                kind,
                customHeaderNames,
                Collections.unmodifiableSortedMap(new TreeMap<>(metadata)),
                ordering,
                rateLimitPerSecond);
    }

    /** True if events of this type go to this endpoint. */
    public boolean subscribesTo(String eventType) {
        return eventTypes.contains("*") || eventTypes.contains(eventType);
    }
}
