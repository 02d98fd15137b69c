package app.smartcomply.webhooks.catalog;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One entry of the event catalog: a kind of event endpoints can subscribe to, and the shape of its
 * {@code data}. This is what {@code GET /api/v1/webhooks/event-types} lists.
 *
 * <p>An immutable value: the JSON nodes are copied on the way in and again on the way out, so a
 * caller that edits what it got (say, to decorate a response) cannot change the catalog, or what
 * the next caller sees.
 *
 * @param name the type's name, dotted lowercase words such as {@code test.submitted}; what
 *     endpoints subscribe to and what {@code X-SmartComply-Event-Type} carries
 * @param description one or two sentences for the customer-facing docs
 * @param schema the JSON Schema (draft 2020-12) that the event's {@code data} object satisfies
 * @param example a realistic {@code data} payload that satisfies {@code schema}
 * @param reserved whether only the service itself emits this type (e.g. {@code webhook.test}); the
 *     platform's publish API must refuse reserved types
 * @param version the version of the type's schema, 1 or more; built-in types are version 1
 * @param deprecated whether new integrations should not rely on the type; it is still published
 *     and delivered as before
 * @param source where the type was defined: {@value #BUILT_IN}, or {@code file:<name>} for a file
 *     of the operator's catalog directory ({@code WEBHOOKS_CATALOG})
 * @param platform whether the type is for the platform's operations webhooks only ({@code
 *     WEBHOOKS_OPERATIONS_URL}): reserved, never listed to customers, never subscribable by them
 */
public record EventType(
        String name,
        String description,
        JsonNode schema,
        JsonNode example,
        boolean reserved,
        int version,
        boolean deprecated,
        String source,
        boolean platform) {

    /** A type that customers see. */
    public EventType(
            String name,
            String description,
            JsonNode schema,
            JsonNode example,
            boolean reserved,
            int version,
            boolean deprecated,
            String source) {
        this(name, description, schema, example, reserved, version, deprecated, source, false);
    }

    /** The source of the types shipped with the service. */
    public static final String BUILT_IN = "built_in";

    /** A built-in type: version 1, from the shipped catalog. */
    public EventType(String name, String description, JsonNode schema, JsonNode example, boolean reserved) {
        this(name, description, schema, example, reserved, 1, false, BUILT_IN);
    }

    /** Copies the nodes, so later changes to the caller's trees do not reach this value. */
    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
        if (platform && !reserved) {
            throw new IllegalArgumentException("a platform type is reserved");
        }
        schema = Objects.requireNonNull(schema, "schema").deepCopy();
        example = Objects.requireNonNull(example, "example").deepCopy();
    }

    /** Returns a fresh copy of the schema, safe to modify. */
    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }

    /** Returns a fresh copy of the example, safe to modify. */
    @Override
    public JsonNode example() {
        return example.deepCopy();
    }
}
