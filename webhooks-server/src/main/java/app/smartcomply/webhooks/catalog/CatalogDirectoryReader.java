package app.smartcomply.webhooks.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the operator's catalog directory ({@code WEBHOOKS_CATALOG}): event types added beside the
 * built-in ones without rebuilding the service, one JSON file per type and version.
 *
 * <p>Every regular file whose name ends in {@code .json} (and does not start with a dot) is read,
 * in name order; other files are ignored, and subdirectories are not entered. Each file is
 *
 * <pre>{@code
 * {
 *   "type": "order.shipped",            // dotted lowercase words, like the built-in names
 *   "version": 2,                       // a whole number, 1 or more
 *   "description": "An order left the warehouse.",
 *   "deprecated": false,                // optional, default false
 *   "schema": { ... },                  // JSON Schema draft 2020-12 of the event's data
 *   "examples": [ { ... }, ... ]        // at least one; each must satisfy the schema
 * }
 * }</pre>
 *
 * <p>with {@code "$comment"} also allowed and any other field refused (a misspelt {@code
 * "deprecated"} must not pass unnoticed). The recommended file name is {@code
 * <type>.v<version>.json}, e.g. {@code order.shipped.v2.json}; the content, not the name, says
 * which type and version the file defines. This reader checks what the files say on their own and
 * against each other — JSON, fields, no type and version defined twice, no clash with a built-in
 * type; {@link EventCatalog} checks each schema and its examples. Every problem names its file.
 */
final class CatalogDirectoryReader {

    /** A file larger than this is refused unread: a schema file is a few KiB. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final Set<String> FIELDS =
            Set.of("type", "version", "description", "deprecated", "schema", "examples", "$comment");

    /** One type and version read from a file, with every example the file gives. */
    record FileType(EventType type, List<JsonNode> examples, String label) {}

    private CatalogDirectoryReader() {}

    /**
     * @param builtIn names of the built-in types, which a file may not define
     * @param problems receives one line per problem found, each starting with {@code file <name>:}
     * @return the well-formed types, in file-name order
     */
    static List<FileType> read(Path directory, Set<String> builtIn, List<String> problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(directory + " is not a directory");
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(path);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(directory + " cannot be listed: " + e.getMessage());
            return List.of();
        }
        List<FileType> types = new ArrayList<>();
        Map<String, String> definedBy = new HashMap<>();
        for (Path file : files) {
            FileType type = readFile(file, problems);
            if (type == null) {
                continue;
            }
            String name = type.type().name();
            String key = name + " version " + type.type().version();
            String earlier = definedBy.putIfAbsent(key, file.getFileName().toString());
            if (builtIn.contains(name)) {
                problems.add(type.label() + ": type " + name + " is built in; a file cannot define or redefine it");
            } else if (earlier != null) {
                problems.add(type.label() + ": " + key + " is already defined by file " + earlier);
            } else {
                types.add(type);
            }
        }
        return types;
    }

    /** @return the file's type, or null after reporting why it is unusable */
    private static FileType readFile(Path file, List<String> problems) {
        String fileName = file.getFileName().toString();
        String label = "file " + fileName;
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(label + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB");
                return null;
            }
            root = CatalogFileReader.MAPPER.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            problems.add(label + ": not valid JSON: " + CatalogFileReader.describe(e));
            return null;
        } catch (IOException e) {
            problems.add(label + ": cannot be read: " + e.getMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(label + ": must be a JSON object with type, version, description, schema and examples");
            return null;
        }
        int before = problems.size();
        for (String field : root.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add(label + ": unknown field \"" + field + "\" (expected " + FIELDS + ")");
            }
        }
        JsonNode type = root.path("type");
        if (!type.isString()
                || !CatalogFileReader.NAME.matcher(type.stringValue()).matches()) {
            problems.add(label + ": type must match " + CatalogFileReader.NAME.pattern() + ", got " + type);
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            problems.add(label + ": version must be a whole number, 1 or more, got " + version);
        }
        JsonNode description = root.path("description");
        if (!description.isString() || description.stringValue().isBlank()) {
            problems.add(label + ": description must be a non-empty string");
        }
        JsonNode deprecated = root.path("deprecated");
        if (!deprecated.isMissingNode() && !deprecated.isBoolean()) {
            problems.add(label + ": deprecated must be true or false when present");
        }
        JsonNode schema = root.path("schema");
        if (!schema.isObject()) {
            problems.add(label + ": schema must be a JSON Schema object");
        }
        JsonNode examples = root.path("examples");
        if (!examples.isArray() || examples.isEmpty()) {
            problems.add(label + ": examples must be a non-empty array of example data objects");
        }
        if (problems.size() > before) {
            return null;
        }
        List<JsonNode> all = new ArrayList<>();
        examples.forEach(all::add);
        EventType eventType = new EventType(
                type.stringValue(),
                description.stringValue(),
                schema,
                all.getFirst(),
                false,
                version.intValue(),
                deprecated.booleanValue(false),
                "file:" + fileName);
        return new FileType(eventType, List.copyOf(all), label);
    }
}
