package app.smartcomply.webhooks.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's own rules for data schemas, beyond being valid JSON Schema. Each rule keeps a
 * promise made to customers or keeps startup self-contained:
 *
 * <ul>
 *   <li>{@code data} is an object whose schema says {@code additionalProperties: true}, so
 *       SmartComply can add fields to an event without breaking publishers or receivers;
 *   <li>{@code $schema}, if given, names draft 2020-12, the only dialect the catalog is read as;
 *   <li>{@code $ref} and {@code $dynamicRef} point inside the schema, so loading never fetches;
 *   <li>every required property is declared, and every declared property has a description,
 *       because the docs render these schemas and a typo in {@code required} would otherwise reject
 *       every publish of that type.
 * </ul>
 */
final class DataSchemaConventions {

    /** Keywords whose value is one subschema. */
    private static final Set<String> SINGLE = Set.of(
            "items",
            "additionalProperties",
            "unevaluatedProperties",
            "unevaluatedItems",
            "contains",
            "propertyNames",
            "not",
            "if",
            "then",
            "else");

    /** Keywords whose value is an array of subschemas. */
    private static final Set<String> ARRAY = Set.of("prefixItems", "allOf", "anyOf", "oneOf");

    /** Keywords whose value maps names to subschemas. */
    private static final Set<String> MAP = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");

    private DataSchemaConventions() {}

    /**
     * @return one line per broken rule, naming the JSON pointer where it is broken; empty if none
     */
    static List<String> problems(JsonNode schema) {
        List<String> problems = new ArrayList<>();
        if (!"object".equals(schema.path("type").asString(null))) {
            problems.add("(root): type must be \"object\": an event's data is always a JSON object");
        }
        if (!schema.path("additionalProperties").isBoolean()
                || !schema.path("additionalProperties").booleanValue()) {
            problems.add("(root): additionalProperties must be true, so fields can be added without breaking anyone");
        }
        JsonNode dialect = schema.path("$schema");
        if (!dialect.isMissingNode()
                && !CompiledDataSchema.DIALECT.getDialectId().equals(dialect.asString(null))) {
            problems.add("(root): $schema must be " + CompiledDataSchema.DIALECT.getDialectId() + " or absent");
        }
        visit(schema, "", problems);
        return problems;
    }

    private static void visit(JsonNode schema, String pointer, List<String> problems) {
        if (!schema.isObject()) {
            return; // boolean schemas have nothing to check; other shapes are the meta-schema's business
        }
        checkReferences(schema, pointer, problems);
        checkProperties(schema, pointer, problems);
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            String at = pointer + "/" + escape(name);
            if (SINGLE.contains(name)) {
                visit(value, at, problems);
            } else if (ARRAY.contains(name) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    visit(value.get(i), at + "/" + i, problems);
                }
            } else if (MAP.contains(name) && value.isObject()) {
                for (Map.Entry<String, JsonNode> sub : value.properties()) {
                    visit(sub.getValue(), at + "/" + escape(sub.getKey()), problems);
                }
            }
        }
    }

    private static void checkReferences(JsonNode schema, String pointer, List<String> problems) {
        for (String keyword : List.of("$ref", "$dynamicRef")) {
            JsonNode ref = schema.get(keyword);
            if (ref != null && !ref.asString("").startsWith("#")) {
                problems.add(
                        where(pointer) + ": " + keyword + " must point inside the schema (start with #), got " + ref);
            }
        }
    }

    private static void checkProperties(JsonNode schema, String pointer, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!properties.isObject() || !properties.has(required.asString(""))) {
                problems.add(where(pointer) + ": required property " + required + " is not declared in properties");
            }
        }
        if (!properties.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode description = property.getValue().path("description");
            if (!description.isString() || description.stringValue().isBlank()) {
                String at = pointer + "/properties/" + escape(property.getKey());
                problems.add(at + ": property needs a description for the docs");
            }
        }
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "(root)" : pointer;
    }

    /** RFC 6901: '~' and '/' inside a name are written as ~0 and ~1. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
