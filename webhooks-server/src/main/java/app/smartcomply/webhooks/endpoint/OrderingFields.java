package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code ordering} and {@code ordering_key} as a create or PATCH sends them, and works out
 * the endpoint's {@link DeliveryOrdering}: {@code ordering} is {@code "none"} or {@code "fifo"};
 * {@code ordering_key} a dotted path into the event's data (the filter's syntax: names joined by
 * dots, at most {@value FilterParser#MAX_PATH_STEPS} steps and {@value FilterParser#MAX_PATH_LENGTH}
 * characters, no empty name, none starting with {@code $}) that the data schema of at least one
 * subscribed type has (as {@link FilterFields} checks a filter's paths), or null for one line per
 * endpoint. A key needs {@code fifo}; switching to {@code none} drops the key.
 */
final class OrderingFields {

    static final String ORDERING = "ordering";
    static final String ORDERING_KEY = "ordering_key";

    private OrderingFields() {}

    /**
     * The ordering after a create or PATCH.
     *
     * @param current the endpoint's ordering now ({@link DeliveryOrdering#NONE} on create)
     * @param ordering the {@code ordering} sent, empty if left out
     * @param key the {@code ordering_key} sent (JSON null removes it), empty if left out
     * @param subscribedTypes the endpoint's event types after the change, normalized
     * @param typesChanged whether the change sets new event types: a kept key is checked against them
     */
    static DeliveryOrdering resolve(
            DeliveryOrdering current,
            Optional<JsonNode> ordering,
            Optional<JsonNode> key,
            List<String> subscribedTypes,
            boolean typesChanged,
            EventCatalog catalog) {
        boolean fifo = ordering.map(OrderingFields::fifo).orElse(current.fifo());
        // Sent: the new key, or null (JSON null) to remove it. Not a map(): that would lose the null.
        boolean keySent = key.isPresent();
        String sentKey = keySent ? keyText(key.get()) : null;
        if (!fifo) {
            if (sentKey != null) {
                throw new InvalidInputException(
                        "ordering_key_requires_fifo",
                        ORDERING_KEY,
                        "ordering_key orders deliveries by a field of the event's data; set ordering to \"fifo\" with it.");
            }
            return DeliveryOrdering.NONE;
        }
        String path = keySent ? sentKey : current.key();
        if (path == null) {
            return DeliveryOrdering.FIFO;
        }
        if (keySent || typesChanged) {
            checkPath(path, subscribedTypes, catalog);
        }
        return new DeliveryOrdering(true, path);
    }

    private static boolean fifo(JsonNode ordering) {
        if (ordering.isString()) {
            switch (ordering.asString()) {
                case "fifo":
                    return true;
                case "none":
                    return false;
                default:
            }
        }
        throw new InvalidInputException("invalid_ordering", ORDERING, "ordering must be \"none\" or \"fifo\".");
    }

    /** The key's text, or null for JSON null. */
    private static String keyText(JsonNode key) {
        if (key.isNull()) {
            return null;
        }
        if (!key.isString()) {
            throw new InvalidInputException(
                    "invalid_ordering_key", ORDERING_KEY, "ordering_key must be a dotted path into data, or null.");
        }
        return key.asString();
    }

    private static void checkPath(String path, List<String> subscribedTypes, EventCatalog catalog) {
        String[] steps = path.split("\\.", -1);
        boolean wellFormed = !path.isEmpty()
                && path.length() <= FilterParser.MAX_PATH_LENGTH
                && steps.length <= FilterParser.MAX_PATH_STEPS;
        for (String step : steps) {
            wellFormed &= !step.isEmpty() && !step.startsWith("$");
        }
        if (!wellFormed) {
            throw new InvalidInputException(
                    "invalid_ordering_key",
                    ORDERING_KEY,
                    "ordering_key is a field path: names joined by dots, e.g. notice_id or vendor.id; no empty names,"
                            + " none starting with $, at most " + FilterParser.MAX_PATH_STEPS + " steps and "
                            + FilterParser.MAX_PATH_LENGTH + " characters.");
        }
        if (!FilterFields.declaredByAny(steps, subscribedTypes, catalog)) {
            throw new InvalidInputException(
                    "unknown_ordering_key",
                    ORDERING_KEY,
                    "No event type this endpoint subscribes to has the field '" + path + "' in its data."
                            + " GET /api/v1/webhooks/event-types shows their schemas.");
        }
    }
}
