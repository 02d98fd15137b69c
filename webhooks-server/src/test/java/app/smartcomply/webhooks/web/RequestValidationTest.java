package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/** Everything a client can get wrong about a request, and the exact problem it gets back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationTest extends WebhooksAppTest {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    private TestAccount account;
    private String endpointId;

    @BeforeAll
    void anAccountWithAnEndpoint() {
        account = TestAccount.create(api(), "Validation");
        endpointId = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");
    }

    private ApiClient.Answer create(String body) {
        return api().post(ENDPOINTS, account.apiKey(), body);
    }

    private static String endpoint(String url, String eventsJson) {
        return "{\"url\":" + JsonMapper.builder().build().writeValueAsString(url) + ",\"events\":" + eventsJson + "}";
    }

    @Test
    void malformedJsonSaysWhereItBrokeButNotWhatItContained() {
        ApiClient.Answer answer = create("{\"url\":\"https://example.com/?token=hunter2-secret\",\"events\":[\"*\"");

        assertProblem(answer, 400, "invalid_json", null, "hunter2-secret");
        assertThat(answer.text("detail")).contains("line 1");
        assertProblem(create("{'url': 'https://example.com'}"), 400, "invalid_json", null);
        assertProblem(create(""), 400, "invalid_json", null);
        assertProblem(
                create("{\"url\":\"https://example.com\",\"events\":[\"*\"]} trailing"), 400, "invalid_json", null);
    }

    @Test
    void requiredFieldsAreNamed() {
        assertProblem(create("{\"events\":[\"*\"]}"), 400, "parameter_missing", "url");
        assertProblem(create("{\"url\":\"https://example.com\"}"), 400, "parameter_missing", "events");
        assertProblem(create("{}"), 400, "parameter_missing", "url");
        assertProblem(create(endpoint("https://example.com", "[]")), 400, "events_required", "events");
        assertProblem(create(endpoint("   ", "[\"*\"]")), 400, "url_required", "url");
    }

    @Test
    void eventsTakeCatalogNamesOrTheWildcard() {
        ApiClient.Answer all = ApiClient.expect(201, create(endpoint("https://example.com/all", "[\"*\"]")));
        assertThat(all.json().get("events").get(0).asString()).isEqualTo("*");
        ApiClient.Answer folded = ApiClient.expect(
                201, create(endpoint("https://example.com/all", "[\"test.submitted\",\"*\",\"test.submitted\"]")));
        assertThat(folded.json().get("events")).hasSize(1);
        ApiClient.Answer deduplicated = ApiClient.expect(
                201, create(endpoint("https://example.com/two", "[\"notice.created\",\"notice.created\"]")));
        assertThat(deduplicated.json().get("events")).hasSize(1);

        assertProblem(
                create(endpoint("https://example.com", "[\"test.submitted\",\"test.submited\"]")),
                400,
                "unknown_event_type",
                "events[1]");
        assertProblem(
                create(endpoint("https://example.com", "[\"TEST.SUBMITTED\"]")),
                400,
                "unknown_event_type",
                "events[0]");
        assertProblem(create(endpoint("https://example.com", "[\"test.*\"]")), 400, "unknown_event_type", "events[0]");
        assertProblem(
                create(endpoint("https://example.com", "[\"notice.created\",\"\"]")),
                400,
                "invalid_event_type",
                "events[1]");
        assertProblem(
                create(endpoint("https://example.com", "[\"notice.created\",5]")), 400, "invalid_type", "events[1]");
        assertProblem(create(endpoint("https://example.com", "\"*\"")), 400, "invalid_type", "events");
    }

    @Test
    void badUrlsAreRefusedWithTheirOwnCodes() {
        assertProblem(create(endpoint("ftp://example.com/hook", "[\"*\"]")), 400, "url_scheme_not_allowed", "url");
        assertProblem(create(endpoint("javascript:alert(1)", "[\"*\"]")), 400, "url_scheme_not_allowed", "url");
        assertProblem(create(endpoint("https://", "[\"*\"]")), 400, "url_invalid", "url");
        assertProblem(create(endpoint("https:///only/a/path", "[\"*\"]")), 400, "url_invalid", "url");
        assertProblem(create(endpoint("example.com/hook", "[\"*\"]")), 400, "url_invalid", "url");
        assertProblem(create(endpoint("https://exa mple.com/", "[\"*\"]")), 400, "url_invalid", "url");
        assertProblem(create(endpoint("https://example.com:99999/", "[\"*\"]")), 400, "url_invalid", "url");
        assertProblem(create(endpoint("https://example.com/#frag", "[\"*\"]")), 400, "url_invalid", "url");
        ApiClient.Answer credentials = create(endpoint("https://admin:pa55word-xyz@example.com/hook", "[\"*\"]"));
        assertProblem(credentials, 400, "url_credentials_not_allowed", "url", "pa55word-xyz");
        String longUrl = "https://example.com/" + "a".repeat(2049 - "https://example.com/".length());
        assertProblem(create(endpoint(longUrl, "[\"*\"]")), 400, "url_invalid", "url");
        String longestUrl = "https://example.com/" + "a".repeat(2048 - "https://example.com/".length());
        ApiClient.expect(201, create(endpoint(longestUrl, "[\"*\"]")));
    }

    @Test
    void bodiesMustBeJson() {
        ApiClient.Answer text = api().send(
                        "POST",
                        ENDPOINTS,
                        account.apiKey(),
                        "url=https://example.com",
                        Map.of("Content-Type", "text/plain"));
        assertProblem(text, 415, "unsupported_media_type", "Content-Type");
        ApiClient.Answer form = api().send(
                        "POST",
                        ENDPOINTS,
                        account.apiKey(),
                        "url=https://example.com",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertProblem(form, 415, "unsupported_media_type", "Content-Type");
        ApiClient.Answer patchXml = api().send(
                        "PATCH",
                        ENDPOINTS + "/" + endpointId,
                        account.apiKey(),
                        "<x/>",
                        Map.of("Content-Type", "application/xml"));
        assertProblem(patchXml, 415, "unsupported_media_type", "Content-Type");
        ApiClient.Answer rotateText = api().send(
                        "POST",
                        ENDPOINTS + "/" + endpointId + "/rotate-secret",
                        account.apiKey(),
                        "86400",
                        Map.of("Content-Type", "text/plain"));
        assertProblem(rotateText, 415, "unsupported_media_type", "Content-Type");
        ApiClient.Answer publishText =
                api().send("POST", "/api/v1/events", ADMIN_KEY, "{}", Map.of("Content-Type", "text/plain"));
        assertProblem(publishText, 415, "unsupported_media_type", "Content-Type");

        ApiClient.Answer withCharset = api().send(
                        "POST",
                        ENDPOINTS,
                        account.apiKey(),
                        endpoint("https://example.com/charset", "[\"*\"]"),
                        Map.of("Content-Type", "application/json; charset=utf-8"));
        assertThat(withCharset.status()).isEqualTo(201);
    }

    @Test
    void wrongMethodsAnswer405WithTheAllowedOnes() {
        ApiClient.Answer put = api().send("PUT", ENDPOINTS, account.apiKey(), "{}", Map.of());
        assertProblem(put, 405, "method_not_allowed", null);
        assertThat(put.header("Allow")).contains("GET").contains("POST");
        ApiClient.Answer postOnOne = api().send("POST", ENDPOINTS + "/" + endpointId, account.apiKey(), "{}", Map.of());
        assertProblem(postOnOne, 405, "method_not_allowed", null);
        assertThat(postOnOne.header("Allow")).contains("PATCH").contains("DELETE");
        assertProblem(
                api().get(ENDPOINTS + "/" + endpointId + "/rotate-secret", account.apiKey()),
                405,
                "method_not_allowed",
                null);
        assertProblem(api().delete("/api/v1/events", ADMIN_KEY), 405, "method_not_allowed", null);
    }

    @Test
    void unknownPathsAnswer404NotFound() {
        assertProblem(api().get("/api/v1/webhooks/endpoint", account.apiKey()), 404, "not_found", null);
        assertProblem(api().get("/api/v2/webhooks/endpoints", account.apiKey()), 404, "not_found", null);
        assertProblem(api().get(ENDPOINTS + "/" + endpointId + "/nope", account.apiKey()), 404, "not_found", null);
        assertProblem(api().get("/no-such-page", null), 404, "not_found", null);
    }

    @Test
    void urlsTomcatRefusesAreProblemsToo() {
        assertProblem(api().get(ENDPOINTS + "/whe_a%2Fb", account.apiKey()), 400, "invalid_request", null);
        assertProblem(api().get(ENDPOINTS + "/%ff", account.apiKey()), 400, "invalid_request", null);
        assertProblem(api().get(ENDPOINTS + "?limit=%ff", account.apiKey()), 400, "invalid_query_string", null);
        assertProblem(
                api().get("/api/v1/events?starting_after=%e2%82", account.apiKey()), 400, "invalid_query_string", null);
    }

    @Test
    void listParametersAreChecked() {
        for (String list : new String[] {
            ENDPOINTS, "/api/v1/events", "/api/v1/webhooks/deliveries", ENDPOINTS + "/" + endpointId + "/deliveries"
        }) {
            assertProblem(api().get(list + "?limit=0", account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(api().get(list + "?limit=101", account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(api().get(list + "?limit=-5", account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(api().get(list + "?limit=ten", account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(api().get(list + "?limit=99999999999", account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(
                    api().get(list + "?starting_after=nope", account.apiKey()),
                    400,
                    "invalid_cursor",
                    "starting_after");
            assertProblem(
                    api().get(list + "?starting_after=whe_XYZ", account.apiKey()),
                    400,
                    "invalid_cursor",
                    "starting_after");
            assertThat(api().get(list + "?limit=1", account.apiKey()).status()).isEqualTo(200);
            assertThat(api().get(list + "?limit=100", account.apiKey()).status())
                    .isEqualTo(200);
        }
        // A cursor must be an id of the list's own kind.
        assertProblem(
                api().get("/api/v1/events?starting_after=" + endpointId, account.apiKey()),
                400,
                "invalid_cursor",
                "starting_after");
        assertProblem(
                api().get("/api/v1/webhooks/deliveries?status=lost", account.apiKey()),
                400,
                "invalid_status",
                "status");
        assertProblem(
                api().get("/api/v1/webhooks/deliveries?created_after=yesterday", account.apiKey()),
                400,
                "invalid_timestamp",
                "created_after");
        assertProblem(
                api().get("/api/v1/webhooks/deliveries?created_before=%2B999999999-12-31T23:59:59Z", account.apiKey()),
                400,
                "invalid_timestamp",
                "created_before");
    }

    @Test
    void bodiesOverOneMebibyteAnswer413() {
        String huge = endpoint("https://example.com/" + "a".repeat(1024 * 1024), "[\"*\"]");

        assertProblem(create(huge), 413, "request_too_large", null);
        assertProblem(api().post("/api/v1/events", ADMIN_KEY, huge), 413, "request_too_large", null);
    }

    @Test
    void chunkedBodiesOverOneMebibyteAnswer413Too() throws Exception {
        // No Content-Length: the limit must hold while the body is read, not only up front.
        byte[] huge = endpoint("https://example.com/" + "a".repeat(1024 * 1024), "[\"*\"]")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api().baseUrl() + ENDPOINTS))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + account.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        JsonMapper json = JsonMapper.builder().build();
        ApiClient.Answer answer = new ApiClient.Answer(
                response.statusCode(), response.headers().map(), response.body(), json.readTree(response.body()));
        assertProblem(answer, 413, "request_too_large", null);
    }
}
