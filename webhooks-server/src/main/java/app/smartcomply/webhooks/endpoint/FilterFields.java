package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.catalog.EventType;
import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a filter's paths against the event catalog: each must be a field of the {@code data} of
 * at least one type the endpoint subscribes to ({@code "*"}: any type customers see), so a typo
 * is a 400 naming the field, not a filter that silently never matches.
 *
 * <p>A path is known to a schema when each step is one of its {@code properties}; below a step
 * whose schema is an object without declared properties (free-form), anything is accepted.
 */
final class FilterFields {

    private FilterFields() {}

    /** @throws InvalidInputException {@code unknown_filter_field} for the first path no schema has */
    static void check(PayloadFilter filter, List<String> subscribedTypes, EventCatalog catalog) {
        List<EventType> types = subscribedTypes.contains("*")
                ? catalog.all()
                : subscribedTypes.stream()
                        .flatMap(name -> catalog.find(name).stream())
                        .toList();
        for (Map.Entry<String, String> field : filter.fields().entrySet()) {
            if (types.stream()
                    .noneMatch(type -> declares(type.schema(), field.getKey().split("\\.")))) {
                String shown = field.getKey().length() <= 100
                        ? field.getKey()
                        : field.getKey().substring(0, 100) + "…";
                throw new InvalidInputException(
                        "unknown_filter_field",
                        field.getValue(),
                        "No event type this endpoint subscribes to has the field '" + shown + "' in its data."
                                + " GET /api/v1/webhooks/event-types shows their schemas.");
            }
        }
    }

    /** Whether the data schema of at least one of the subscribed types has this path. */
    static boolean declaredByAny(String[] path, List<String> subscribedTypes, EventCatalog catalog) {
        List<EventType> types = subscribedTypes.contains("*")
                ? catalog.all()
                : subscribedTypes.stream()
                        .flatMap(name -> catalog.find(name).stream())
                        .toList();
        return types.stream().anyMatch(type -> declares(type.schema(), path));
    }

    private static boolean declares(JsonNode schema, String[] path) {
        JsonNode node = schema;
        for (String step : path) {
            JsonNode properties = node.get("properties");
            if (properties == null || !properties.isObject()) {
                return isFreeFormObject(node);
            }
            node = properties.get(step);
            if (node == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFreeFormObject(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type != null && type.isString() && type.asString().equals("object");
    }
}
