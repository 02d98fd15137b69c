package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an endpoint may subscribe to: at least one type, each either {@code "*"} or a type in the
 * catalog. Unknown names are refused by name, so a typo never silently subscribes to nothing.
 */
final class SubscriptionRules {

    static final int MAX_TYPES = 100;

    private SubscriptionRules() {}

    static List<String> normalize(List<String> requested, EventCatalog catalog) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidInputException(
                    "events_required", "events", "Subscribe to at least one event type, or to \"*\" for all.");
        }
        if (requested.size() > MAX_TYPES) {
            throw new InvalidInputException(
                    "too_many_event_types", "events", "At most " + MAX_TYPES + " event types per endpoint.");
        }
        var unique = new LinkedHashSet<String>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            if (type == null || type.isBlank()) {
                throw new InvalidInputException(
                        "invalid_event_type", "events[" + i + "]", "Event type names cannot be empty.");
            }
            if (!type.equals("*") && !catalog.contains(type)) {
                throw new InvalidInputException(
                        "unknown_event_type",
                        "events[" + i + "]",
                        "Unknown event type '" + shorten(type) + "'. GET /api/v1/webhooks/event-types lists them.");
            }
            unique.add(type);
        }
        return unique.contains("*") ? List.of("*") : new ArrayList<>(unique);
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
