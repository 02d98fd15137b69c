package app.smartcomply.webhooks.catalog;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalog file into {@link EventType}s, checking everything the file can tell on its own:
 * well-formed JSON without duplicate keys, each entry's fields present with the right JSON types,
 * and names well formed and unique. Whether each schema is sound and accepts its example is {@link
 * EventCatalog}'s concern.
 *
 * <p>The file is <code>{"event_types": [{"name", "description", "schema", "example", "reserved"?, "deprecated"?, "platform"?},
 * …]}</code>, in the order the docs list them. Unknown fields are refused rather than ignored, so a
 * misspelt {@code "reserved"} cannot silently make a platform-only type publishable.
 */
final class CatalogFileReader {

    /** Dotted lowercase words, at least two: {@code test.submitted}, {@code webhook.endpoint.disabled}. */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("event_types", "$comment");
    private static final Set<String> ENTRY_FIELDS =
            Set.of("name", "description", "schema", "example", "reserved", "deprecated", "platform");

    /** Duplicate keys would let a later "schema" silently replace an earlier one. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CatalogFileReader() {}

    /**
     * @param problems receives one line per problem found; entries with problems are left out of the
     *     result
     * @return the well-formed entries, in file order
     */
    static List<EventType> read(InputStream in, List<String> problems) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            problems.add("not valid JSON: " + describe(e));
            return List.of();
        }
        if (root == null || !root.isObject()) {
            problems.add("must be a JSON object with an \"event_types\" array");
            return List.of();
        }
        for (String field : root.propertyNames()) {
            if (!TOP_LEVEL_FIELDS.contains(field)) {
                problems.add("unknown top-level field \"" + field + "\" (expected " + TOP_LEVEL_FIELDS + ")");
            }
        }
        JsonNode entries = root.path("event_types");
        if (!entries.isArray() || entries.isEmpty()) {
            problems.add("\"event_types\" must be a non-empty array");
            return List.of();
        }
        List<EventType> types = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            EventType type = readEntry(entries.get(i), i, seen, problems);
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    /** The parser's message with just line and column, not its source-description boilerplate. */
    static String describe(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return e.getOriginalMessage()
                + (at == null || at.getLineNr() < 0
                        ? ""
                        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    /** @return the entry as an EventType, or null if it has problems (which are reported) */
    private static EventType readEntry(JsonNode entry, int index, Set<String> seen, List<String> problems) {
        String label = "event_types[" + index + "]";
        if (!entry.isObject()) {
            problems.add(label + ": must be an object");
            return null;
        }
        JsonNode name = entry.path("name");
        if (name.isString()) {
            label += " (" + name.stringValue() + ")";
        }
        int before = problems.size();
        for (String field : entry.propertyNames()) {
            if (!ENTRY_FIELDS.contains(field)) {
                problems.add(label + ": unknown field \"" + field + "\" (expected " + ENTRY_FIELDS + ")");
            }
        }
        if (!name.isString() || !NAME.matcher(name.stringValue()).matches()) {
            problems.add(label + ": name must match " + NAME.pattern() + ", got " + name);
        } else if (!seen.add(name.stringValue())) {
            problems.add(label + ": name is listed more than once");
        }
        JsonNode description = entry.path("description");
        if (!description.isString() || description.stringValue().isBlank()) {
            problems.add(label + ": description must be a non-empty string");
        }
        JsonNode schema = entry.path("schema");
        if (!schema.isObject()) {
            problems.add(label + ": schema must be a JSON Schema object");
        }
        JsonNode example = entry.path("example");
        if (example.isMissingNode()) {
            problems.add(label + ": example is missing");
        }
        JsonNode reserved = entry.path("reserved");
        if (!reserved.isMissingNode() && !reserved.isBoolean()) {
            problems.add(label + ": reserved must be true or false when present");
        }
        JsonNode deprecated = entry.path("deprecated");
        if (!deprecated.isMissingNode() && !deprecated.isBoolean()) {
            problems.add(label + ": deprecated must be true or false when present");
        }
        JsonNode platform = entry.path("platform");
        if (!platform.isMissingNode() && !platform.isBoolean()) {
            problems.add(label + ": platform must be true or false when present");
        } else if (platform.booleanValue(false) && !reserved.booleanValue(false)) {
            problems.add(label + ": a platform type must also be reserved");
        }
        if (problems.size() > before) {
            return null;
        }
        return new EventType(
                name.stringValue(),
                description.stringValue(),
                schema,
                example,
                reserved.booleanValue(false),
                1,
                deprecated.booleanValue(false),
                EventType.BUILT_IN,
                platform.booleanValue(false));
    }
}
