package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v3/api-docs} as a client generator reads it: one meaningful, unique operationId per
 * operation (what a generated client's methods are called), and the endpoint and event schemas
 * saying exactly which fields are always there, which may be null, and which values a status takes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest extends WebhooksAppTest {

    private JsonNode docs;

    @BeforeAll
    void fetchDocs() {
        docs = ApiClient.expect(200, api().get("/v3/api-docs", null)).json();
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationIdNamingWhatItDoes() {
        List<String> ids = new ArrayList<>();
        for (var path : docs.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode id = operation.getValue().get("operationId");
                assertThat(id).as(operation.getKey() + " " + path.getKey()).isNotNull();
                ids.add(id.asString());
            }
        }
        assertThat(ids)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(?:[A-Z][a-z]+)+"), "camelCase, no _1");
        Map<String, String> expected = Map.of(
                "/api/v1/webhooks/endpoints get", "listEndpoints",
                "/api/v1/webhooks/endpoints post", "createEndpoint",
                "/api/v1/webhooks/endpoints/{id} get", "getEndpoint",
                "/api/v1/webhooks/endpoints/{id} patch", "updateEndpoint",
                "/api/v1/webhooks/endpoints/{id} delete", "deleteEndpoint",
                "/api/v1/events post", "publishEvent",
                "/api/v1/events get", "listEvents",
                "/api/v1/webhooks/deliveries get", "listDeliveries",
                "/api/v1/webhooks/deliveries/{id} get", "getDelivery",
                "/api/v1/api-keys get", "listApiKeys");
        expected.forEach((operation, id) -> {
            String[] parts = operation.split(" ");
            assertThat(docs.get("paths")
                            .get(parts[0])
                            .get(parts[1])
                            .get("operationId")
                            .asString())
                    .as(operation)
                    .isEqualTo(id);
        });
    }

    @Test
    void theEndpointSchemaSaysWhatIsAlwaysThereWhatMayBeNullAndWhichStatuses() {
        JsonNode endpoint = schema("Endpoint");
        assertThat(strings(endpoint.get("required")))
                .containsExactlyInAnyOrder(
                        "id",
                        "url",
                        "events",
                        "description",
                        "status",
                        "disabled_reason",
                        "signing_secret",
                        "created_at",
                        "updated_at",
                        "mode",
                        "kind",
                        "headers",
                        "metadata",
                        "asymmetric_signing",
                        "public_key",
                        "jwks_url",
                        "filter",
                        "ordering",
                        "ordering_key",
                        "rate_limit");
        assertThat(nullable(endpoint, "description")).isTrue();
        assertThat(nullable(endpoint, "disabled_reason")).isTrue();
        assertThat(nullable(endpoint, "url")).isFalse();
        // Always sent, null until the endpoint opts in to asymmetric signing or sets a filter.
        assertThat(nullable(endpoint, "public_key")).isTrue();
        assertThat(nullable(endpoint, "jwks_url")).isTrue();
        assertThat(nullable(endpoint, "filter")).isTrue();
        assertThat(nullable(endpoint, "rate_limit")).isTrue();
        assertThat(nullable(endpoint, "asymmetric_signing")).isFalse();
        // Always sent: "none" unless ordered; the key null unless lines are by a field of the data.
        assertThat(nullable(endpoint, "ordering")).isFalse();
        assertThat(nullable(endpoint, "ordering_key")).isTrue();
        assertThat(strings(endpoint.get("properties").get("ordering").get("enum")))
                .containsExactly("none", "fifo");
        assertThat(nullable(endpoint, "headers")).isFalse();
        assertThat(nullable(endpoint, "metadata")).isFalse();
        assertThat(strings(endpoint.get("properties").get("status").get("enum")))
                .containsExactly("active", "disabled");
        assertThat(strings(endpoint.get("properties").get("mode").get("enum"))).containsExactly("live", "test");
        assertThat(strings(endpoint.get("properties").get("kind").get("enum"))).containsExactly("http", "listen");

        JsonNode created = schema("CreatedEndpoint");
        assertThat(strings(created.get("required")))
                .contains(
                        "id",
                        "url",
                        "events",
                        "status",
                        "signing_secret",
                        "created_at",
                        "asymmetric_signing",
                        "public_key",
                        "jwks_url",
                        "filter",
                        "ordering",
                        "ordering_key",
                        "rate_limit")
                .doesNotContain("headers", "metadata");
        assertThat(nullable(created, "public_key")).isTrue();
        assertThat(strings(created.get("properties").get("status").get("enum"))).containsExactly("active", "disabled");
    }

    @Test
    void theEventSchemaSaysWhatIsAlwaysThere() {
        JsonNode event = schema("Event");
        assertThat(strings(event.get("required"))).contains("id", "type", "created_at", "data");
        JsonNode delivery = schema("Delivery");
        assertThat(strings(delivery.get("properties").get("status").get("enum")))
                .containsExactlyInAnyOrder("pending", "succeeded", "failed", "cancelled");
    }

    private JsonNode schema(String name) {
        JsonNode schema = docs.get("components").get("schemas").get(name);
        assertThat(schema)
                .as(name + " in " + docs.get("components").get("schemas").propertyNames())
                .isNotNull();
        return schema;
    }

    /** OpenAPI 3.1 says "may be null" with a type list holding "null"; 3.0 with nullable: true. */
    private static boolean nullable(JsonNode schema, String field) {
        JsonNode property = schema.get("properties").get(field);
        JsonNode types = property.get("type");
        JsonNode oneOf = property.get("oneOf");
        return (property.has("nullable") && property.get("nullable").asBoolean())
                || (types != null && types.isArray() && strings(types).contains("null"))
                // An object of a schema of its own, or null (rate_limit).
                || (oneOf != null
                        && oneOf.valueStream()
                                .anyMatch(s -> s.has("type")
                                        && s.get("type").asString().equals("null")));
    }

    private static List<String> strings(JsonNode array) {
        return array == null
                ? List.of()
                : array.valueStream().map(JsonNode::asString).toList();
    }
}
