package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The interactive API reference: every operation of the API is in {@code /v3/api-docs} with the
 * right security scheme, request bodies and examples a reader can copy, and Swagger UI is served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocsTest extends WebhooksAppTest {

    /** The API, method by path; the security scheme each needs. */
    static final Map<String, Map<String, String>> OPERATIONS = Map.ofEntries(
            Map.entry("/api/v1/webhooks/endpoints", Map.of("post", "accountKey", "get", "accountKey")),
            Map.entry(
                    "/api/v1/webhooks/endpoints/{id}",
                    Map.of("get", "accountKey", "patch", "accountKey", "delete", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/rotate-secret", Map.of("post", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/rotate-signing-key", Map.of("post", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/jwks.json", Map.of("get", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/test", Map.of("post", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/deliveries", Map.of("get", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/recover", Map.of("post", "accountKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/check", Map.of("post", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/checks", Map.of("get", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/checks/{check_id}", Map.of("get", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/replay", Map.of("post", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/replays", Map.of("get", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/endpoints/{id}/replays/{replay_id}", Map.of("get", "accountKey,adminKey")),
            Map.entry("/api/v1/webhooks/deliveries", Map.of("get", "accountKey")),
            Map.entry("/api/v1/webhooks/deliveries/{id}", Map.of("get", "accountKey")),
            Map.entry("/api/v1/webhooks/deliveries/{id}/retry", Map.of("post", "accountKey")),
            Map.entry("/api/v1/webhooks/event-types", Map.of("get", "accountKey,adminKey")),
            // POST: the platform publishes; an account's test key triggers test events.
            Map.entry("/api/v1/events", Map.of("get", "accountKey", "post", "adminKey,accountKey")),
            Map.entry("/api/v1/webhooks/egress-ips", Map.of("get", "accountKey")),
            Map.entry("/api/v1/events/{id}", Map.of("get", "accountKey")),
            Map.entry("/api/v1/listen", Map.of("get", "accountKey")),
            Map.entry("/api/v1/listen/sessions/{id}/results", Map.of("post", "accountKey")),
            Map.entry("/api/v1/events/batch", Map.of("post", "adminKey,accountKey")),
            Map.entry("/api/v1/events/{id}/replay", Map.of("post", "accountKey,adminKey")),
            Map.entry("/api/v1/accounts", Map.of("post", "adminKey")),
            Map.entry("/api/v1/accounts/{id}", Map.of("get", "adminKey", "patch", "adminKey")),
            Map.entry("/api/v1/accounts/{id}/api-keys", Map.of("post", "adminKey", "get", "adminKey")),
            Map.entry("/api/v1/accounts/{id}/api-keys/{key_id}", Map.of("get", "adminKey")),
            Map.entry("/api/v1/accounts/{id}/api-keys/{key_id}/revoke", Map.of("post", "adminKey")),
            Map.entry("/api/v1/accounts/{id}/api-keys/{key_id}/roll", Map.of("post", "adminKey")),
            Map.entry("/api/v1/api-keys", Map.of("post", "accountKey", "get", "accountKey")),
            Map.entry("/api/v1/api-keys/{key_id}", Map.of("get", "accountKey")),
            Map.entry("/api/v1/api-keys/{key_id}/revoke", Map.of("post", "accountKey")),
            Map.entry("/api/v1/api-keys/{key_id}/roll", Map.of("post", "accountKey")),
            Map.entry("/api/v1/admin-key/rotate", Map.of("post", "adminKey")),
            // Either key: an account reads its own entries, the platform its own (admin_key.rotated).
            Map.entry("/api/v1/audit-log", Map.of("get", "accountKey,adminKey")),
            Map.entry("/api/v1/accounts/{id}/audit-log", Map.of("get", "adminKey")),
            Map.entry("/api/v1/accounts/{id}/dashboard-sessions", Map.of("post", "adminKey")));

    private JsonNode docs;

    @BeforeAll
    void fetchDocs() {
        ApiClient.Answer answer = ApiClient.expect(200, api().get("/v3/api-docs", null));
        docs = answer.json();
    }

    @Test
    void everyOperationIsDocumentedWithItsSecurityScheme() {
        JsonNode schemes = docs.get("components").get("securitySchemes");
        assertThat(schemes.get("accountKey").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("adminKey").get("scheme").asString()).isEqualTo("bearer");

        List<String> problems = new ArrayList<>();
        OPERATIONS.forEach((path, methods) -> methods.forEach((method, scheme) -> {
            JsonNode operation = docs.path("paths").path(path).path(method);
            if (operation.isMissingNode()) {
                problems.add("missing " + method + " " + path);
                return;
            }
            JsonNode security = operation.path("security");
            // "a,b": either key will do — one requirement per scheme.
            List<String> wanted = List.of(scheme.split(","));
            List<String> declared = new ArrayList<>();
            security.forEach(requirement -> requirement.propertyNames().forEach(declared::add));
            if (security.size() != wanted.size() || !declared.containsAll(wanted)) {
                problems.add(method + " " + path + " security " + security + ", expected " + scheme);
            }
            if (operation.path("summary").asString("").isBlank()) {
                problems.add(method + " " + path + " has no summary");
            }
            for (JsonNode parameter : operation.path("parameters")) {
                if (List.of("caller", "audit", "request")
                        .contains(parameter.get("name").asString())) {
                    problems.add(method + " " + path + " shows an internal argument as a parameter");
                }
            }
            if (!operation.path("responses").has("401")) {
                problems.add(method + " " + path + " does not document 401");
            }
            if (!operation.path("responses").path("429").path("headers").has("Retry-After")) {
                problems.add(method + " " + path + " does not document 429 with Retry-After");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyTheApiIsDocumented() {
        List<String> paths = new ArrayList<>();
        docs.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(paths).containsExactlyInAnyOrderElementsOf(OPERATIONS.keySet());
    }

    @Test
    void requestBodiesHaveSnakeCaseSchemasAndTheQuickstartsExample() {
        JsonNode create = requestBody("/api/v1/webhooks/endpoints", "post");
        JsonNode createSchema = resolve(create.get("schema"));
        assertThat(createSchema.get("properties").propertyNames())
                .containsExactlyInAnyOrder(
                        "url",
                        "events",
                        "description",
                        "asymmetric_signing",
                        "filter",
                        "headers",
                        "metadata",
                        "ordering",
                        "ordering_key",
                        "rate_limit");
        assertThat(createSchema.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("url", "events");
        assertThat(example(create).get("url").asString()).isEqualTo("https://your-app.example/webhooks/smartcomply");
        assertThat(example(create).get("description").asString()).isEqualTo("Production receiver");

        assertThat(resolve(requestBody("/api/v1/webhooks/endpoints/{id}", "patch")
                                .get("schema"))
                        .get("properties")
                        .propertyNames())
                .containsExactlyInAnyOrder(
                        "url",
                        "events",
                        "description",
                        "status",
                        "asymmetric_signing",
                        "filter",
                        "rate_limit",
                        "headers",
                        "metadata",
                        "ordering",
                        "ordering_key");
        assertThat(resolve(requestBody("/api/v1/webhooks/endpoints/{id}/rotate-secret", "post")
                                .get("schema"))
                        .get("properties")
                        .propertyNames())
                .containsExactly("grace_period_seconds");
        assertThat(resolve(requestBody("/api/v1/webhooks/endpoints/{id}/recover", "post")
                                .get("schema"))
                        .get("properties")
                        .propertyNames())
                .containsExactly("since");
        JsonNode publish = requestBody("/api/v1/events", "post");
        assertThat(resolve(publish.get("schema")).get("properties").propertyNames())
                .containsExactlyInAnyOrder("account_id", "type", "data", "mode");
        assertThat(example(publish).get("type").asString()).isEqualTo("test.submitted");
        for (String[] operation : new String[][] {
            {"/api/v1/webhooks/endpoints/{id}", "patch"},
            {"/api/v1/webhooks/endpoints/{id}/rotate-secret", "post"},
            {"/api/v1/webhooks/endpoints/{id}/recover", "post"}
        }) {
            assertThat(example(requestBody(operation[0], operation[1])).isObject())
                    .as(operation[0])
                    .isTrue();
        }
    }

    @Test
    void responsesShowTheWireFormatWithExamples() {
        JsonNode created =
                docs.at("/paths/~1api~1v1~1webhooks~1endpoints/post/responses/201/content/application~1json");
        assertThat(resolve(created.get("schema")).get("properties").propertyNames())
                .containsExactly(
                        "id",
                        "url",
                        "events",
                        "description",
                        "status",
                        "signing_secret",
                        "created_at",
                        "mode",
                        "headers",
                        "metadata",
                        "asymmetric_signing",
                        "public_key",
                        "jwks_url",
                        "filter",
                        "ordering",
                        "ordering_key",
                        "rate_limit");
        assertThat(example(created).get("id").asString()).isEqualTo("whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
        assertThat(example(created).get("signing_secret").asString()).startsWith("whsec_");

        JsonNode endpointList =
                docs.at("/paths/~1api~1v1~1webhooks~1endpoints/get/responses/200/content/application~1json");
        JsonNode listSchema = resolve(endpointList.get("schema"));
        assertThat(listSchema.get("properties").propertyNames()).containsExactlyInAnyOrder("data", "has_more");
        JsonNode item = resolve(listSchema.get("properties").get("data").get("items"));
        assertThat(item.get("properties").propertyNames()).contains("signing_secret", "disabled_reason", "updated_at");

        // The examples are what the API answers: the same fields in the same order as a real endpoint.
        TestAccount account = TestAccount.create(api(), "Examples");
        ApiClient.Answer real = ApiClient.expect(
                201,
                api().post(
                                "/api/v1/webhooks/endpoints",
                                account.apiKey(),
                                example(
                                                docs.at(
                                                        "/paths/~1api~1v1~1webhooks~1endpoints/post/requestBody/content/application~1json"))
                                        .toString()));
        assertThat(example(created).propertyNames())
                .containsExactlyElementsOf(real.json().propertyNames());
        ApiClient.Answer read =
                ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + real.text("id"), account.apiKey()));
        JsonNode endpoint =
                docs.at("/paths/~1api~1v1~1webhooks~1endpoints~1{id}/get/responses/200/content/application~1json");
        assertThat(example(endpoint).propertyNames())
                .containsExactlyElementsOf(read.json().propertyNames());
        assertThat(example(endpointList).get("data").get(0).propertyNames())
                .containsExactlyElementsOf(read.json().propertyNames());

        JsonNode published = docs.at("/paths/~1api~1v1~1events/post/responses/202/content/application~1json");
        assertThat(resolve(published.get("schema")).get("properties").propertyNames())
                .containsExactlyInAnyOrder("id", "type", "created_at", "data", "mode");
        assertThat(example(published).get("id").asString()).startsWith("evt_");

        JsonNode problem =
                docs.at("/paths/~1api~1v1~1webhooks~1endpoints/post/responses/400/content/application~1problem+json");
        assertThat(resolve(problem.get("schema")).get("properties").propertyNames())
                .contains("code", "param", "detail", "status");
        assertThat(example(problem).get("code").asString()).isNotBlank();

        JsonNode capped =
                docs.at("/paths/~1api~1v1~1webhooks~1endpoints/post/responses/409/content/application~1problem+json");
        assertThat(example(capped).get("code").asString()).isEqualTo("limit_exceeded");
        assertThat(example(capped).get("param").asString()).isEqualTo("endpoints");
        JsonNode limited = docs.at(
                "/paths/~1api~1v1~1webhooks~1endpoints~1{id}~1test/post/responses/429/content/application~1problem+json");
        assertThat(example(limited).get("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void theListenStreamIsDocumentedAsServerSentEventsNotAsAServerClass() {
        JsonNode ok = docs.at("/paths/~1api~1v1~1listen/get/responses/200/content");
        assertThat(ok.propertyNames()).containsExactly("text/event-stream");
        assertThat(ok.get("text/event-stream").get("schema").get("type").asString())
                .isEqualTo("string");
        assertThat(docs.get("components").get("schemas").has("ResponseBodyEmitter"))
                .isFalse();
    }

    @Test
    void swaggerUiIsServed() {
        ApiClient.Answer entry = api().get("/swagger-ui.html", null);
        if (entry.status() / 100 == 3) {
            String target = entry.header("Location");
            entry = api().get(
                            target.startsWith("http")
                                    ? target.substring(api().baseUrl().length())
                                    : target,
                            null);
        }
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.body()).contains("swagger-ui");
    }

    @Test
    void endpointExamplesShowEveryFieldOfTheirSchemaWithWorkingValues() {
        String endpoints = "/paths/~1api~1v1~1webhooks~1endpoints";
        JsonNode created = docs.at(endpoints + "/post/responses/201/content/application~1json");
        JsonNode one = docs.at(endpoints + "~1{id}/get/responses/200/content/application~1json");
        JsonNode list = docs.at(endpoints + "/get/responses/200/content/application~1json");
        JsonNode listItem = resolve(
                resolve(list.get("schema")).get("properties").get("data").get("items"));
        // headers and metadata are left out of a create answer when empty, as in the example.
        assertThat(example(created).propertyNames())
                .containsExactlyElementsOf(resolve(created.get("schema")).get("properties").propertyNames().stream()
                        .filter(name -> !name.equals("headers") && !name.equals("metadata"))
                        .toList());
        assertThat(example(one).propertyNames())
                .containsExactlyElementsOf(
                        resolve(one.get("schema")).get("properties").propertyNames());
        assertThat(example(list).get("data").get(0).propertyNames())
                .containsExactlyElementsOf(listItem.get("properties").propertyNames());

        JsonNode endpoint = example(one);
        assertThat(endpoint.get("kind").asString()).isEqualTo("http");
        assertThat(endpoint.get("asymmetric_signing").asBoolean()).isTrue();
        assertThat(java.util.Base64.getDecoder()
                        .decode(endpoint.get("public_key").asString().substring("whpk_".length())))
                .as("a raw Ed25519 public key")
                .hasSize(32);
        assertThat(endpoint.get("jwks_url").asString()).matches("https://[^/]+/jwks/jwks_[0-9a-f]{32}\\.json");
        assertThat(endpoint.get("filter").isObject()).isTrue();
        assertThat(example(list).get("data").get(0)).isEqualTo(endpoint);
        JsonNode patch = requestBody("/api/v1/webhooks/endpoints/{id}", "patch").get("examples");
        assertThat(patch.valueStream().map(e -> e.get("value")))
                .anySatisfy(e -> assertThat(e.propertyNames()).containsExactly("asymmetric_signing", "filter"));
        assertThat(patch.valueStream()
                        .map(e -> e.get("value"))
                        .filter(e -> e.has("filter"))
                        .findFirst()
                        .orElseThrow()
                        .get("filter"))
                .isEqualTo(endpoint.get("filter"));
        assertThat(endpoint.get("rate_limit").get("per_second").asInt()).isEqualTo(10);
        assertThat(patch.valueStream().map(e -> e.get("value")))
                .anySatisfy(e -> assertThat(e)
                        .isEqualTo(JsonMapper.builder()
                                .build()
                                .createObjectNode()
                                .set("rate_limit", endpoint.get("rate_limit"))));
    }

    @Test
    void theAuditLogEntrySchemaNamesEveryAction() {
        JsonNode entry = docs.at("/components/schemas/AuditLogEntry/properties");
        assertThat(entry.get("action").get("enum").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(app.smartcomply.webhooks.audit.AuditAction.wireNames());
    }

    private JsonNode requestBody(String path, String method) {
        JsonNode content = docs.path("paths")
                .path(path)
                .path(method)
                .path("requestBody")
                .path("content")
                .path("application/json");
        assertThat(content.isMissingNode())
                .as(method + " " + path + " request body")
                .isFalse();
        return content;
    }

    /** The single example of a media type, as a JSON value. */
    private static JsonNode example(JsonNode mediaType) {
        if (mediaType.has("example")) {
            return mediaType.get("example");
        }
        JsonNode examples = mediaType.path("examples");
        assertThat(examples.size()).as("examples of " + mediaType).isPositive();
        return examples.values().iterator().next().get("value");
    }

    private JsonNode resolve(JsonNode schema) {
        assertThat(schema).isNotNull();
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return docs.get("components").get("schemas").get(name);
        }
        return schema;
    }
}
