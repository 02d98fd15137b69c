package app.smartcomply.webhooks.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns the schema validator's errors into {@link DataViolation}s phrased for the publisher.
 *
 * <p>The validator reports locations as JSON pointers relative to {@code data} and words its
 * messages for schema authors ("string found, number expected"). The publish API speaks in request
 * terms instead: {@code data.score}, "must be a number". Keywords this class does not know keep the
 * validator's own message, which is still accurate, just less friendly.
 */
final class ViolationTranslator {

    /** The request field that holds the validated object; every param starts with it. */
    static final String ROOT = "data";

    /** Property names that can follow a dot unquoted; anything else is written as {@code ["…"]}. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ViolationTranslator() {}

    static DataViolation translate(Error error) {
        NodePath location = error.getInstanceLocation();
        JsonNode rule = error.getSchemaNode();
        return switch (error.getKeyword()) {
            // The validator places these on the parent object; the publisher wants the property itself.
            case "required" ->
                new DataViolation(
                        param(location, error.getProperty()),
                        "required property '" + error.getProperty() + "' is missing");
            case "additionalProperties", "unevaluatedProperties" ->
                new DataViolation(param(location, error.getProperty()), "is not an allowed property");
            case "type", "unionType" -> new DataViolation(param(location), "must be " + expectedTypes(rule));
            case "format" -> new DataViolation(param(location), formatMessage(rule.asString()));
            case "enum" -> new DataViolation(param(location), "must be one of " + joinValues(rule));
            case "const" -> new DataViolation(param(location), "must be " + rule);
            case "pattern" -> new DataViolation(param(location), "must match the pattern " + rule.asString());
            case "minimum" -> new DataViolation(param(location), "must be at least " + rule);
            case "maximum" -> new DataViolation(param(location), "must be at most " + rule);
            case "exclusiveMinimum" -> new DataViolation(param(location), "must be greater than " + rule);
            case "exclusiveMaximum" -> new DataViolation(param(location), "must be less than " + rule);
            case "multipleOf" -> new DataViolation(param(location), "must be a multiple of " + rule);
            case "minLength" ->
                new DataViolation(
                        param(location),
                        rule.asInt() == 1 ? "must not be empty" : "must be at least " + rule + " characters long");
            case "maxLength" -> new DataViolation(param(location), "must be at most " + rule + " characters long");
            case "minItems" ->
                new DataViolation(
                        param(location),
                        rule.asInt() == 1 ? "must not be empty" : "must have at least " + rule + " items");
            case "maxItems" -> new DataViolation(param(location), "must have at most " + rule + " items");
            case "uniqueItems" -> new DataViolation(param(location), "must not contain duplicate items");
            default -> new DataViolation(param(location), error.getMessage());
        };
    }

    /** {@code data}, {@code data.submitted_by.email}, {@code data.items[0]}, {@code data["odd key"]}. */
    static String param(NodePath location) {
        StringBuilder param = new StringBuilder(ROOT);
        for (int i = 0; i < location.getNameCount(); i++) {
            appendSegment(param, location.getElement(i));
        }
        return param.toString();
    }

    private static String param(NodePath location, String property) {
        StringBuilder param = new StringBuilder(param(location));
        appendSegment(param, property);
        return param.toString();
    }

    private static void appendSegment(StringBuilder param, Object segment) {
        if (segment instanceof Integer index) {
            param.append('[').append(index).append(']');
        } else if (PLAIN_NAME.matcher(segment.toString()).matches()) {
            param.append('.').append(segment);
        } else {
            // JSON string syntax, so quotes and backslashes inside the name stay unambiguous.
            param.append('[').append(StringNode.valueOf(segment.toString())).append(']');
        }
    }

    /** The {@code type} keyword's value, as in "a string" or "a string or null". */
    private static String expectedTypes(JsonNode rule) {
        if (!rule.isArray()) {
            return withArticle(rule.asString());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode type : rule) {
            names.add(withArticle(type.asString()));
        }
        return String.join(" or ", names);
    }

    private static String withArticle(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static String formatMessage(String format) {
        return switch (format) {
            case "date-time" -> "must be an RFC 3339 date-time, e.g. 2026-05-05T14:00:00.000Z";
            case "date" -> "must be an RFC 3339 full date, e.g. 2026-05-05";
            case "time" -> "must be an RFC 3339 time, e.g. 14:00:00Z";
            case "email" -> "must be an email address";
            case "uri" -> "must be an absolute URI, e.g. https://example.com/path";
            case "uuid" -> "must be a UUID";
            default -> "must be a valid " + format;
        };
    }

    /** Enum values as JSON ({@code "low", "high", null}), so strings and literals stay distinct. */
    private static String joinValues(JsonNode values) {
        List<String> rendered = new ArrayList<>();
        for (JsonNode value : values) {
            rendered.add(value.toString());
        }
        return String.join(", ", rendered);
    }
}
