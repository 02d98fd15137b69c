package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies field by field, so that every wrong type, missing field or misspelt name is
 * reported with the exact {@code param} — which a generic data binder cannot do.
 */
final class JsonBody {

    private final ObjectNode body;

    private JsonBody(ObjectNode body) {
        this.body = body;
    }

    /**
     * The body as an object whose fields are all among {@code allowed}. No body at all counts as
     * {@code {}} (for operations whose body is optional); any JSON that is not an object — {@code
     * null} included — is refused.
     */
    static JsonBody of(JsonNode body, Set<String> allowed) {
        if (body == null || body.isMissingNode()) {
            body = JsonNodeFactory.instance.objectNode();
        }
        if (!(body instanceof ObjectNode object)) {
            throw new InvalidInputException("invalid_body", null, "The request body must be a JSON object.");
        }
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new InvalidInputException(
                        "unknown_parameter",
                        name,
                        "Unknown field '" + shorten(name) + "'. Allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        return new JsonBody(object);
    }

    boolean has(String field) {
        return body.has(field);
    }

    /** A required string. */
    String requiredString(String field) {
        return optionalString(field)
                .orElseThrow(() -> new InvalidInputException("parameter_missing", field, field + " is required."));
    }

    /** A string, or empty if absent or null. */
    Optional<String> optionalString(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(node.asString());
    }

    /** A list of strings, or empty if absent or null. */
    Optional<List<String>> optionalStringList(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw wrongType(field, "an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw wrongType(field + "[" + i + "]", "a string");
            }
            values.add(node.get(i).asString());
        }
        return Optional.of(values);
    }

    /**
     * An object of strings, in the order given, or empty if absent or null. A value that is not a
     * string is refused with {@code param} {@code field.<name>}.
     */
    Optional<Map<String, String>> optionalStringMap(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw wrongType(field + "." + shorten(entry.getKey()), "a string");
            }
            values.put(entry.getKey(), entry.getValue().asString());
        }
        return Optional.of(values);
    }

    /** A whole number, or empty if absent or null. */
    Optional<Long> optionalLong(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "a whole number");
        }
        return Optional.of(node.asLong());
    }

    /** Any JSON value, or null if absent. */
    JsonNode raw(String field) {
        return body.get(field);
    }

    private static InvalidInputException wrongType(String field, String expected) {
        return new InvalidInputException("invalid_type", field, field + " must be " + expected + ".");
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
