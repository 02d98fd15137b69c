package app.smartcomply.webhooks.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The event types SmartComply publishes: their names, docs, data schemas and examples, read from
 * {@code event-catalog.json} on the classpath — and, when the operator gives one, from a directory
 * of schema files ({@code WEBHOOKS_CATALOG}, see {@link CatalogDirectoryReader}) whose types are
 * added beside the built-in ones.
 *
 * <p>A type from a file may come in several versions. The latest version is the type: it is what
 * {@link #all}, {@link #find} and {@link #validate} (so publishing) use; {@link #allVersions} lists
 * the earlier ones too.
 *
 * <p>Loading fails fast, listing every problem at once, when the file is not a well-formed catalog,
 * a name is not dotted lowercase words, a schema is not sound draft 2020-12 JSON Schema or breaks the
 * catalog's conventions ({@link DataSchemaConventions}), or an example does not satisfy its schema.
 * A catalog that loads is therefore one the docs can show and the publish API can enforce.
 *
 * <p>Immutable and thread-safe. Schemas are compiled once at load, because {@link #validate} sits on
 * the publish path. Framework-free: the application wires it as a bean.
 */
public final class EventCatalog {

    private static final String DEFAULT_RESOURCE = "/event-catalog.json";

    private final List<EventType> all;
    private final List<EventType> allVersions;
    private final List<EventType> platform;
    private final Map<String, Entry> byName;

    /** A type together with its compiled schema, so a lookup by name finds both at once. */
    private record Entry(EventType type, CompiledDataSchema schema) {}

    /** @param entries built-in types in file order, then file types by name and version */
    private EventCatalog(List<Entry> entries) {
        this.allVersions = entries.stream()
                .map(Entry::type)
                .filter(type -> !type.platform())
                .toList();
        this.platform =
                entries.stream().map(Entry::type).filter(EventType::platform).toList();
        // Built-in names are unique (CatalogFileReader), file types cannot reuse them, and a file type
        // and version is defined once (CatalogDirectoryReader): the highest version of each name wins.
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry entry : entries) {
            latest.merge(
                    entry.type().name(),
                    entry,
                    (known, other) -> other.type().version() > known.type().version() ? other : known);
        }
        this.all = latest.values().stream()
                .map(Entry::type)
                .filter(type -> !type.platform())
                .toList();
        this.byName = Map.copyOf(latest);
    }

    /**
     * Loads the catalog shipped with the service ({@code event-catalog.json} at the classpath root).
     *
     * @throws IllegalStateException if the resource is missing or invalid; the message lists every
     *     problem found
     */
    public static EventCatalog loadDefault() {
        try (InputStream in = EventCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Event catalog not found on the classpath: " + DEFAULT_RESOURCE);
            }
            return load(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the event catalog " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Loads a catalog from {@code in}, which this method does not close. Visible for tests of the
     * fail-fast rules.
     *
     * @param source names the input in error messages
     * @throws IllegalStateException if the catalog is invalid; the message lists every problem found
     */
    static EventCatalog load(InputStream in, String source) {
        return new EventCatalog(builtIn(in, source));
    }

    /**
     * Loads the shipped catalog and adds the types defined by the files in {@code directory}.
     *
     * @throws IllegalStateException if a file is invalid; the message names the directory and lists
     *     every problem found, each naming its file
     */
    public static EventCatalog loadWithDirectory(Path directory) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Event catalog not found on the classpath: " + DEFAULT_RESOURCE);
            }
            return load(in, "classpath:" + DEFAULT_RESOURCE, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the event catalog " + DEFAULT_RESOURCE, e);
        }
    }

    /** {@link #load(InputStream, String)} plus the types of the files in {@code directory}. */
    static EventCatalog load(InputStream in, String source, Path directory) {
        List<Entry> entries = new ArrayList<>(builtIn(in, source));
        Set<String> builtInNames =
                entries.stream().map(entry -> entry.type().name()).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        List<CatalogDirectoryReader.FileType> fileTypes =
                new ArrayList<>(CatalogDirectoryReader.read(directory, builtInNames, problems));
        fileTypes.sort(Comparator.comparing(
                        (CatalogDirectoryReader.FileType f) -> f.type().name())
                .thenComparingInt(f -> f.type().version()));
        for (CatalogDirectoryReader.FileType fileType : fileTypes) {
            CompiledDataSchema schema = compile(fileType.type(), fileType.examples(), fileType.label(), problems);
            if (schema != null) {
                entries.add(new Entry(fileType.type(), schema));
            }
        }
        failOn(problems, "directory " + directory + " (WEBHOOKS_CATALOG)");
        return new EventCatalog(entries);
    }

    private static List<Entry> builtIn(InputStream in, String source) {
        List<String> problems = new ArrayList<>();
        List<EventType> types = CatalogFileReader.read(in, problems);
        List<Entry> entries = new ArrayList<>();
        for (EventType type : types) {
            CompiledDataSchema schema = compile(type, List.of(type.example()), type.name(), problems);
            if (schema != null) {
                entries.add(new Entry(type, schema));
            }
        }
        failOn(problems, source);
        return entries;
    }

    private static void failOn(List<String> problems, String source) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid event catalog " + source + " (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * @param examples every example given for the type; each must satisfy the schema
     * @param where names the type (built in) or its file in problem lines
     * @return the compiled schema, or null after reporting why the type is unusable
     */
    private static CompiledDataSchema compile(
            EventType type, List<JsonNode> examples, String where, List<String> problems) {
        String label = where + ": ";
        JsonNode schemaNode = type.schema();
        List<String> unsound = CompiledDataSchema.metaSchemaProblems(schemaNode);
        if (!unsound.isEmpty()) {
            // Nothing more can be learnt from a schema that is not JSON Schema.
            unsound.forEach(problem -> problems.add(label + "schema " + problem));
            return null;
        }
        // A sound schema that breaks a convention can still be compiled, so its example gets checked
        // too and the author sees every problem in one go.
        DataSchemaConventions.problems(schemaNode).forEach(problem -> problems.add(label + "schema " + problem));
        CompiledDataSchema schema;
        try {
            schema = CompiledDataSchema.compile(schemaNode);
        } catch (RuntimeException e) {
            problems.add(label + "schema cannot be compiled: " + e.getMessage());
            return null;
        }
        for (int i = 0; i < examples.size(); i++) {
            String which = examples.size() == 1 && type.source().equals(EventType.BUILT_IN)
                    ? "example"
                    : "examples[" + i + "]";
            for (DataViolation violation : schema.validate(examples.get(i))) {
                problems.add(label + which + " does not satisfy the schema: " + violation.param() + " "
                        + violation.message());
            }
        }
        return schema;
    }

    /**
     * @return every event type customers see (no {@linkplain #platformTypes platform type}) in its latest version: the built-in ones in the catalog file's order
     *     (the order the docs list them in), then the directory's by name
     */
    public List<EventType> all() {
        return all;
    }

    /**
     * @return the platform's own operations types ({@link EventType#platform}), which {@link #all},
     *     {@link #allVersions} and {@link #contains} leave out: customers neither see nor subscribe to
     *     them; {@link #find} and {@link #validate} know them
     */
    public List<EventType> platformTypes() {
        return platform;
    }

    /** @return like {@link #all}, but with every version of the directory's types, oldest first */
    public List<EventType> allVersions() {
        return allVersions;
    }

    /** @return the latest version of the type with exactly this name, or empty if there is none (including for null) */
    public Optional<EventType> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name)).map(Entry::type);
    }

    /** @return whether a type with exactly this name exists for customers (not a platform type); false for null */
    public boolean contains(String name) {
        return name != null
                && byName.containsKey(name)
                && !byName.get(name).type().platform();
    }

    /**
     * Validates an event's {@code data} against the schema of its type's latest version. A null or missing {@code data} is
     * treated as JSON {@code null}, which fails as "must be an object".
     *
     * @param typeName the event type, which must be in the catalog (reserved ones included)
     * @return every violation found, with {@code param}s in request terms ({@code data.score}); empty
     *     when {@code data} is valid
     * @throws IllegalArgumentException if {@code typeName} is not in the catalog
     */
    public List<DataViolation> validate(String typeName, JsonNode data) {
        Entry entry = typeName == null ? null : byName.get(typeName);
        if (entry == null) {
            throw new IllegalArgumentException("Unknown event type: " + typeName);
        }
        return entry.schema().validate(data == null || data.isMissingNode() ? NullNode.getInstance() : data);
    }
}
