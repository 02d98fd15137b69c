package app.smartcomply.webhooks.catalog;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One event type's data schema, compiled once at load so that validating a publish request parses
 * nothing and resolves nothing: it only runs the prepared keyword validators.
 *
 * <p>Thread-safe: the validators are built eagerly in {@link #compile} and never change afterwards,
 * and every {@link #validate} call gets its own execution context from the library.
 */
final class CompiledDataSchema {

    static final SpecificationVersion DIALECT = SpecificationVersion.DRAFT_2020_12;

    /**
     * Draft 2020-12 treats {@code format} as an annotation unless told otherwise; the catalog's
     * formats (date-time, email, uri…) are promises to customers, so they are asserted.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            DIALECT,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** The 2020-12 meta-schema ships inside the validator's jar, so this needs no network. */
    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DIALECT.getDialectId()));

    private final Schema schema;

    private CompiledDataSchema(Schema schema) {
        this.schema = schema;
    }

    /**
     * Checks {@code schemaNode} against the draft 2020-12 meta-schema.
     *
     * @return one line per problem, each starting with the JSON pointer of the offending keyword
     *     within the schema; empty when the schema is well formed
     */
    static List<String> metaSchemaProblems(JsonNode schemaNode) {
        List<String> problems = new ArrayList<>();
        for (Error error : META_SCHEMA.validate(schemaNode)) {
            String where = error.getInstanceLocation().toString();
            problems.add((where.isEmpty() ? "(root)" : where) + ": " + error.getMessage());
        }
        return problems;
    }

    /**
     * Compiles a schema that passed {@link #metaSchemaProblems}. Keeps its own copy of the node, so
     * nothing a caller does to {@code schemaNode} later can change validation.
     *
     * @throws RuntimeException from the library if the schema still cannot be compiled (e.g. a
     *     pattern the regex engine rejects)
     */
    static CompiledDataSchema compile(JsonNode schemaNode) {
        Schema schema = REGISTRY.getSchema(schemaNode.deepCopy());
        // Build every validator now: failures surface at startup, and no lazy initialisation races
        // between the request threads that share this schema.
        schema.initializeValidators();
        return new CompiledDataSchema(schema);
    }

    /**
     * Validates one {@code data} value.
     *
     * @return every violation found, in the validator's order; empty when {@code data} is valid
     */
    List<DataViolation> validate(JsonNode data) {
        List<Error> errors = schema.validate(data);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<DataViolation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(ViolationTranslator.translate(error));
        }
        return List.copyOf(violations);
    }
}
