package app.smartcomply.webhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shipped catalog, its fail-fast loading rules, and how publish data is judged against it. */
class EventCatalogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventCatalog CATALOG = EventCatalog.loadDefault();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A copy of a type's own example, to break in one place per test. */
    private static ObjectNode example(String type) {
        return (ObjectNode) CATALOG.find(type).orElseThrow().example();
    }

    @Nested
    class ShippedCatalog {

        @Test
        void hasAtLeastEightTypesIncludingTheOnesTheQuickstartNames() {
            assertThat(CATALOG.all()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(CATALOG.all())
                    .extracting(EventType::name)
                    .contains("test.submitted", "notice.created", "webhook.test", "webhook.endpoint.disabled")
                    .doesNotHaveDuplicates()
                    .allMatch(name -> name.matches("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$"));
        }

        @Test
        void listsTypesInFileOrder() throws Exception {
            List<String> fileOrder = new ArrayList<>();
            try (InputStream in = EventCatalog.class.getResourceAsStream("/event-catalog.json")) {
                JSON.readTree(in).path("event_types").forEach(entry -> {
                    if (!entry.path("platform").asBoolean(false)) {
                        fileOrder.add(entry.path("name").asString());
                    }
                });
            }
            assertThat(CATALOG.all()).extracting(EventType::name).containsExactlyElementsOf(fileOrder);
        }

        @Test
        void platformOperationsTypesAreReservedAndKeptApartFromCustomers() {
            assertThat(CATALOG.platformTypes())
                    .extracting(EventType::name)
                    .containsExactly(
                            "endpoint.failing", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted");
            assertThat(CATALOG.platformTypes()).allMatch(EventType::reserved).allMatch(EventType::platform);
            assertThat(CATALOG.all()).noneMatch(EventType::platform);
            assertThat(CATALOG.allVersions()).noneMatch(EventType::platform);
            assertThat(CATALOG.contains("endpoint.failing")).isFalse();
            assertThat(CATALOG.find("endpoint.failing")).isPresent();
            assertThat(CATALOG.validate(
                            "delivery.exhausted",
                            CATALOG.find("delivery.exhausted").orElseThrow().example()))
                    .isEmpty();
        }

        @Test
        void everyExampleSatisfiesItsOwnSchema() {
            for (EventType type : CATALOG.all()) {
                assertThat(CATALOG.validate(type.name(), type.example()))
                        .as(type.name())
                        .isEmpty();
            }
        }

        @Test
        void everyTypeIsDocumentedAndOpenToNewFields() {
            for (EventType type : CATALOG.all()) {
                assertThat(type.description()).as(type.name()).isNotBlank();
                assertThat(type.schema().path("type").asString())
                        .as(type.name())
                        .isEqualTo("object");
                assertThat(type.schema().path("required").isArray())
                        .as(type.name())
                        .isTrue();
                assertThat(type.schema().path("additionalProperties").booleanValue())
                        .as(type.name())
                        .isTrue();
            }
        }

        @Test
        void onlyTheServicesOwnWebhookTypesAreReserved() {
            assertThat(CATALOG.all())
                    .filteredOn(EventType::reserved)
                    .extracting(EventType::name)
                    .containsExactlyInAnyOrder("webhook.test", "webhook.endpoint.disabled");
        }

        @Test
        void webhookTestCarriesAMessageAndTheEndpointId() {
            JsonNode example = CATALOG.find("webhook.test").orElseThrow().example();
            assertThat(example.path("message").asString()).isNotBlank();
            assertThat(example.path("endpoint_id").asString()).matches("whe_[0-9a-f]{32}");
        }

        @Test
        void endpointDisabledDescribesWhichEndpointWhyAndSinceWhen() {
            JsonNode schema =
                    CATALOG.find("webhook.endpoint.disabled").orElseThrow().schema();
            assertThat(schema.path("required").valueStream().map(JsonNode::asString))
                    .containsExactlyInAnyOrder("endpoint_id", "url", "reason", "disabled_at");
            assertThat(schema.path("properties").has("failing_since")).isTrue();
        }
    }

    @Nested
    class Lookup {

        @Test
        void findsAndContainsKnownNamesOnly() {
            assertThat(CATALOG.find("test.submitted")).map(EventType::name).contains("test.submitted");
            assertThat(CATALOG.contains("notice.created")).isTrue();
            assertThat(CATALOG.find("test.deleted")).isEmpty();
            assertThat(CATALOG.contains("TEST.SUBMITTED")).isFalse();
            assertThat(CATALOG.find(null)).isEmpty();
            assertThat(CATALOG.contains(null)).isFalse();
        }

        @Test
        void handsOutCopiesSoCallersCannotChangeTheCatalog() {
            EventType type = CATALOG.find("test.submitted").orElseThrow();
            ((ObjectNode) type.example()).remove("test_id");
            ((ObjectNode) type.schema()).putArray("required").add("no_such_field");

            assertThat(type.example().has("test_id")).isTrue();
            assertThat(CATALOG.validate("test.submitted", type.example())).isEmpty();
        }
    }

    @Nested
    class Validation {

        @Test
        void namesEachMissingRequiredPropertyItself() {
            ObjectNode data = example("test.submitted");
            data.remove("test_id");
            data.remove("score");

            assertThat(CATALOG.validate("test.submitted", data))
                    .containsExactlyInAnyOrder(
                            new DataViolation("data.test_id", "required property 'test_id' is missing"),
                            new DataViolation("data.score", "required property 'score' is missing"));
        }

        @Test
        void reportsWrongTypes() {
            ObjectNode data = example("test.submitted");
            data.put("score", "82.5");
            data.put("submitted_by", "adaeze.okafor@example.com");

            assertThat(CATALOG.validate("test.submitted", data))
                    .containsExactlyInAnyOrder(
                            new DataViolation("data.score", "must be a number"),
                            new DataViolation("data.submitted_by", "must be an object"));
        }

        @Test
        void reportsBadFormats() {
            ObjectNode data = example("test.submitted");
            data.put("submitted_at", "05/05/2026 14:00");
            data.put("dashboard_url", "not a url");

            assertThat(CATALOG.validate("test.submitted", data))
                    .containsExactlyInAnyOrder(
                            new DataViolation(
                                    "data.submitted_at",
                                    "must be an RFC 3339 date-time, e.g. 2026-05-05T14:00:00.000Z"),
                            new DataViolation(
                                    "data.dashboard_url", "must be an absolute URI, e.g. https://example.com/path"));
        }

        @Test
        void acceptsAnyRfc3339TimestampNotOnlyTheMillisecondForm() {
            ObjectNode data = example("test.submitted");
            data.put("submitted_at", "2026-05-05T15:00:00+01:00");

            assertThat(CATALOG.validate("test.submitted", data)).isEmpty();
        }

        @Test
        void givesNestedParamsForNestedObjects() {
            ObjectNode data = example("test.submitted");
            ((ObjectNode) data.get("submitted_by")).put("email", "adaeze at example");
            ((ObjectNode) data.get("submitted_by")).remove("user_id");

            assertThat(CATALOG.validate("test.submitted", data))
                    .containsExactlyInAnyOrder(
                            new DataViolation("data.submitted_by.email", "must be an email address"),
                            new DataViolation("data.submitted_by.user_id", "required property 'user_id' is missing"));
        }

        @Test
        void givesIndexedParamsInsideArrays() {
            ObjectNode data = example("control.failed");
            ((ObjectNode) data.get("failing_resources").get(1)).remove("resource_id");

            assertThat(CATALOG.validate("control.failed", data))
                    .containsExactly(new DataViolation(
                            "data.failing_resources[1].resource_id", "required property 'resource_id' is missing"));
        }

        @Test
        void explainsEnumsPatternsAndRanges() {
            ObjectNode data = example("test.submitted");
            data.put("result", "pass");
            data.put("test_id", "test-42");
            data.put("score", 120);

            assertThat(CATALOG.validate("test.submitted", data))
                    .containsExactlyInAnyOrder(
                            new DataViolation("data.result", "must be one of \"passed\", \"failed\""),
                            new DataViolation("data.test_id", "must match the pattern ^tst_[A-Za-z0-9]+$"),
                            new DataViolation("data.score", "must be at most 100"));
        }

        @Test
        void checksRangesInNestedObjects() {
            ObjectNode data = example("audit.completed");
            ((ObjectNode) data.get("findings")).put("total", -1);

            assertThat(CATALOG.validate("audit.completed", data))
                    .containsExactly(new DataViolation("data.findings.total", "must be at least 0"));
        }

        @Test
        void acceptsAdditionalPropertiesAtEveryLevel() {
            ObjectNode data = example("test.submitted");
            data.put("reviewer_comment", "Strong result on access control.");
            data.putObject("custom").put("anything", 1);
            ((ObjectNode) data.get("submitted_by")).put("department", "Security");

            assertThat(CATALOG.validate("test.submitted", data)).isEmpty();
        }

        @Test
        void requiresDataToBeAnObject() {
            DataViolation notAnObject = new DataViolation("data", "must be an object");

            assertThat(CATALOG.validate("notice.created", json("[1, 2]"))).containsExactly(notAnObject);
            assertThat(CATALOG.validate("notice.created", json("null"))).containsExactly(notAnObject);
            assertThat(CATALOG.validate("notice.created", null)).containsExactly(notAnObject);
        }

        @Test
        void validatesReservedTypesToo() {
            assertThat(CATALOG.validate("webhook.test", json("{\"message\": \"hi\", \"endpoint_id\": \"whe_123\"}")))
                    .containsExactly(
                            new DataViolation("data.endpoint_id", "must match the pattern ^whe_[0-9a-f]{32}$"));
        }

        @Test
        void quotesPropertyNamesThatAreNotPlainIdentifiers() {
            NodePath location = new NodePath(PathType.JSON_POINTER)
                    .append("labels")
                    .append("odd \"key\"")
                    .append(2);

            assertThat(ViolationTranslator.param(location)).isEqualTo("data.labels[\"odd \\\"key\\\"\"][2]");
        }

        @Test
        void givesTheSameAnswersUnderConcurrentUse() throws Exception {
            ObjectNode bad = example("test.submitted");
            bad.put("score", "high");
            ObjectNode good = example("test.submitted");
            List<DataViolation> expected = List.of(new DataViolation("data.score", "must be a number"));

            try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 8; task++) {
                    results.add(threads.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            if (!CATALOG.validate("test.submitted", bad).equals(expected)
                                    || !CATALOG.validate("test.submitted", good).isEmpty()) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            }
        }

        @Test
        void refusesUnknownTypes() {
            assertThatThrownBy(() -> CATALOG.validate("test.deleted", json("{}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("test.deleted");
            assertThatThrownBy(() -> CATALOG.validate(null, json("{}"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class FailFastLoading {

        private static final String GOOD_SCHEMA = """
        {"type": "object", "required": ["id"], "additionalProperties": true,
         "properties": {"id": {"type": "string", "description": "The id."}}}""";

        private static EventCatalog load(String catalog) {
            return EventCatalog.load(
                    new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8)), "test-catalog");
        }

        private static String catalogOf(String name, String schema, String example) {
            return """
          {"event_types": [{"name": "%s", "description": "Something happened.", "schema": %s, "example": %s}]}""".formatted(name, schema, example);
        }

        @Test
        void loadsAWellFormedCatalog() {
            EventCatalog catalog = load(catalogOf("thing.happened", GOOD_SCHEMA, "{\"id\": \"thg_1\"}"));

            assertThat(catalog.all()).extracting(EventType::name).containsExactly("thing.happened");
            assertThat(catalog.all().getFirst().reserved()).isFalse();
        }

        @Test
        void refusesMalformedJson() {
            assertThatThrownBy(() -> load("{\"event_types\": ["))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test-catalog")
                    .hasMessageContaining("not valid JSON");
        }

        @Test
        void refusesNamesThatAreNotDottedLowercaseWords() {
            for (String name :
                    List.of("TestSubmitted", "test", "test..submitted", "Test.submitted", "test.submitted.")) {
                assertThatThrownBy(() -> load(catalogOf(name, GOOD_SCHEMA, "{\"id\": \"x\"}")))
                        .as(name)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("name must match");
            }
        }

        @Test
        void refusesAnExampleThatDoesNotSatisfyItsSchema() {
            assertThatThrownBy(() -> load(catalogOf("thing.happened", GOOD_SCHEMA, "{\"id\": 7}")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "thing.happened: example does not satisfy the schema: data.id must be a string");
        }

        @Test
        void refusesASchemaThatIsNotValidJsonSchema() {
            String schema = GOOD_SCHEMA.replace("\"type\": \"string\"", "\"type\": \"text\"");

            assertThatThrownBy(() -> load(catalogOf("thing.happened", schema, "{\"id\": \"x\"}")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("thing.happened: schema /properties/id/type");
        }

        @Test
        void refusesSchemasThatBreakTheCatalogConventions() {
            String closed = GOOD_SCHEMA.replace("\"additionalProperties\": true", "\"additionalProperties\": false");
            String typo = GOOD_SCHEMA.replace("\"required\": [\"id\"]", "\"required\": [\"idd\"]");
            String remote = GOOD_SCHEMA.replace("\"type\": \"string\",", "\"$ref\": \"https://example.com/id.json\",");

            assertThatThrownBy(() -> load(catalogOf("thing.happened", closed, "{\"id\": \"x\"}")))
                    .hasMessageContaining("additionalProperties must be true");
            assertThatThrownBy(() -> load(catalogOf("thing.happened", typo, "{\"idd\": \"x\"}")))
                    .hasMessageContaining("required property \"idd\" is not declared");
            assertThatThrownBy(() -> load(catalogOf("thing.happened", remote, "{\"id\": \"x\"}")))
                    .hasMessageContaining("/properties/id: $ref must point inside the schema");
        }

        @Test
        void reportsConventionBreaksAndExampleMismatchesTogether() {
            String closed = GOOD_SCHEMA.replace("\"additionalProperties\": true", "\"additionalProperties\": false");

            assertThatThrownBy(() -> load(catalogOf("thing.happened", closed, "{}")))
                    .hasMessageContaining("(2 problems)")
                    .hasMessageContaining("additionalProperties must be true")
                    .hasMessageContaining("data.id required property 'id' is missing");
        }

        @Test
        void refusesDuplicateNamesAndMisspeltFields() {
            String entry = "{\"name\": \"thing.happened\", \"description\": \"d\", \"schema\": %s,"
                    + " \"example\": {\"id\": \"x\"}%s}";
            String catalog = "{\"event_types\": ["
                    + entry.formatted(GOOD_SCHEMA, "")
                    + ", "
                    + entry.formatted(GOOD_SCHEMA, ", \"reserverd\": true")
                    + "]}";

            assertThatThrownBy(() -> load(catalog))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(2 problems)")
                    .hasMessageContaining("event_types[1] (thing.happened): name is listed more than once")
                    .hasMessageContaining("event_types[1] (thing.happened): unknown field \"reserverd\"");
        }

        @Test
        void refusesDuplicateKeysInsideAnEntry() {
            String catalog =
                    "{\"event_types\": [{\"name\": \"thing.happened\", \"name\": \"other.thing\", \"description\": \"d\","
                            + " \"schema\": " + GOOD_SCHEMA + ", \"example\": {\"id\": \"x\"}}]}";

            assertThatThrownBy(() -> load(catalog))
                    .hasMessageContaining("not valid JSON: Duplicate Object property \"name\" (line 1, column");
        }
    }
}
