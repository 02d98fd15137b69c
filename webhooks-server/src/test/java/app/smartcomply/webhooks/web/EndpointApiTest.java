package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The endpoint resource: create, list, read, change, delete, rotate, test. */
class EndpointApiTest extends WebhooksAppTest {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    static final String QUICKSTART_BODY = """
      {
        "url": "https://your-app.example/webhooks/smartcomply",
        "events": ["test.submitted", "notice.created"],
        "description": "Production receiver"
      }""";

    private TestAccount account;

    @BeforeEach
    void freshAccount() {
        account = TestAccount.create(api(), "Endpoints");
    }

    private ApiClient.Answer create(String body) {
        return api().post(ENDPOINTS, account.apiKey(), body);
    }

    private String createdId() {
        return ApiClient.expect(201, create(QUICKSTART_BODY)).text("id");
    }

    private ApiClient.Answer patch(String id, String body) {
        return api().patch(ENDPOINTS + "/" + id, account.apiKey(), body);
    }

    @Test
    void createAnswersExactlyTheQuickstartFieldsWithTheSecretInFull() {
        ApiClient.Answer created = create(QUICKSTART_BODY);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.json().propertyNames())
                .containsExactly(
                        "id",
                        "url",
                        "events",
                        "description",
                        "status",
                        "signing_secret",
                        "created_at",
                        "mode",
                        "asymmetric_signing",
                        "public_key",
                        "jwks_url",
                        "filter",
                        "ordering",
                        "ordering_key",
                        "rate_limit");
        assertThat(created.text("id")).matches("whe_[0-9a-f]{32}");
        assertThat(created.text("url")).isEqualTo("https://your-app.example/webhooks/smartcomply");
        assertThat(created.json().get("events").valueStream().map(JsonNode::asString))
                .containsExactly("test.submitted", "notice.created");
        assertThat(created.text("description")).isEqualTo("Production receiver");
        assertThat(created.text("status")).isEqualTo("active");
        assertThat(created.text("signing_secret")).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(created.text("created_at")).matches(TIMESTAMP);
        assertThat(Instant.parse(created.text("created_at")))
                .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void theSecretIsShownOnlyOnCreateAndMaskedEverywhereElse() {
        ApiClient.Answer created = ApiClient.expect(201, create(QUICKSTART_BODY));
        String secret = created.text("signing_secret");
        String secretBody = secret.substring("whsec_".length());
        String id = created.text("id");

        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));
        ApiClient.Answer list = ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        ApiClient.Answer patched = ApiClient.expect(200, patch(id, "{\"description\":\"x\"}"));

        for (ApiClient.Answer answer : List.of(read, list, patched)) {
            assertThat(answer.body()).doesNotContain(secretBody).doesNotContain(secretBody.substring(0, 12));
        }
        String masked = read.text("signing_secret");
        assertThat(masked).isNotEqualTo(secret).startsWith("whsec_").endsWith(secret.substring(secret.length() - 4));
        assertThat(masked.length()).isLessThan(secret.length() - 20);
        assertThat(list.json().get("data").get(0).get("signing_secret").asString())
                .isEqualTo(masked);
    }

    @Test
    void readShowsTheEndpointWithItsState() {
        String id = createdId();

        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));

        assertThat(read.json().propertyNames())
                .containsExactly(
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
        assertThat(read.text("mode")).isEqualTo("live");
        assertThat(read.text("kind")).isEqualTo("http");
        assertThat(read.text("id")).isEqualTo(id);
        assertThat(read.text("url")).isEqualTo("https://your-app.example/webhooks/smartcomply");
        assertThat(read.text("status")).isEqualTo("active");
        assertThat(read.json().get("disabled_reason").isNull()).isTrue();
        assertThat(read.text("updated_at")).matches(TIMESTAMP);
    }

    @Test
    void listPagesThroughEveryEndpointNewestFirstWithoutDuplicatesOrGaps() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(createdId());
            clock.advance(Duration.ofMillis(1));
        }
        List<String> newestFirst = created.reversed();

        List<String> seen = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            String query = "?limit=10" + (cursor == null ? "" : "&starting_after=" + cursor);
            ApiClient.Answer answer = ApiClient.expect(200, api().get(ENDPOINTS + query, account.apiKey()));
            assertThat(answer.json().propertyNames()).containsExactly("data", "has_more");
            answer.json()
                    .get("data")
                    .forEach(endpoint -> seen.add(endpoint.get("id").asString()));
            hasMore.add(answer.json().get("has_more").asBoolean());
            if (!answer.json().get("has_more").asBoolean()) {
                break;
            }
            cursor = seen.getLast();
        }

        assertThat(hasMore).containsExactly(true, true, false);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(new HashSet<>(seen)).hasSize(25);

        ApiClient.Answer defaultPage = ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        assertThat(defaultPage.json().get("data")).hasSize(20);
        assertThat(defaultPage.json().get("has_more").asBoolean()).isTrue();
        ApiClient.Answer all = ApiClient.expect(200, api().get(ENDPOINTS + "?limit=100", account.apiKey()));
        assertThat(all.json().get("data")).hasSize(25);
        assertThat(all.json().get("has_more").asBoolean()).isFalse();
        ApiClient.Answer afterLast = ApiClient.expect(
                200, api().get(ENDPOINTS + "?starting_after=" + newestFirst.getLast(), account.apiKey()));
        assertThat(afterLast.json().get("data")).isEmpty();
        assertThat(afterLast.json().get("has_more").asBoolean()).isFalse();
    }

    @Test
    void patchChangesEachFieldOnItsOwnAndLeavesTheOthers() {
        String id = createdId();
        clock.advance(Duration.ofSeconds(1));

        ApiClient.Answer url = ApiClient.expect(200, patch(id, "{\"url\":\"https://hooks.example.com/new?x=1\"}"));
        assertThat(url.text("url")).isEqualTo("https://hooks.example.com/new?x=1");
        assertThat(url.text("description")).isEqualTo("Production receiver");
        assertThat(url.text("updated_at")).isNotEqualTo(url.text("created_at"));

        ApiClient.Answer events = ApiClient.expect(200, patch(id, "{\"events\":[\"control.failed\"]}"));
        assertThat(events.json().get("events").valueStream().map(JsonNode::asString))
                .containsExactly("control.failed");
        assertThat(events.text("url")).isEqualTo("https://hooks.example.com/new?x=1");

        ApiClient.Answer all = ApiClient.expect(200, patch(id, "{\"events\":[\"*\"]}"));
        assertThat(all.json().get("events").valueStream().map(JsonNode::asString))
                .containsExactly("*");

        ApiClient.Answer described = ApiClient.expect(200, patch(id, "{\"description\":\"Staging receiver\"}"));
        assertThat(described.text("description")).isEqualTo("Staging receiver");

        ApiClient.Answer cleared = ApiClient.expect(200, patch(id, "{\"description\":null}"));
        assertThat(cleared.json().get("description").isNull()).isTrue();
        ApiClient.Answer reread = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));
        assertThat(reread.json().get("description").isNull()).isTrue();

        ApiClient.expect(200, patch(id, "{\"description\":\"again\"}"));
        ApiClient.Answer emptied = ApiClient.expect(200, patch(id, "{\"description\":\"\"}"));
        assertThat(emptied.json().get("description").isNull()).isTrue();

        ApiClient.Answer disabled = ApiClient.expect(200, patch(id, "{\"status\":\"disabled\"}"));
        assertThat(disabled.text("status")).isEqualTo("disabled");
        assertThat(disabled.text("disabled_reason")).isNotBlank();
        ApiClient.Answer enabled = ApiClient.expect(200, patch(id, "{\"status\":\"active\"}"));
        assertThat(enabled.text("status")).isEqualTo("active");
        assertThat(enabled.json().get("disabled_reason").isNull()).isTrue();

        ApiClient.Answer nothing = ApiClient.expect(200, patch(id, "{}"));
        assertThat(nothing.text("url")).isEqualTo("https://hooks.example.com/new?x=1");
        assertThat(nothing.json().get("events").valueStream().map(JsonNode::asString))
                .containsExactly("*");
    }

    @Test
    void patchRefusesUnknownFieldsAndWrongTypesNamingTheParameter() {
        String id = createdId();

        assertProblem(patch(id, "{\"secret\":\"x\"}"), 400, "unknown_parameter", "secret");
        assertProblem(patch(id, "{\"description\":\"ok\",\"enabled\":true}"), 400, "unknown_parameter", "enabled");
        assertProblem(patch(id, "{\"url\":42}"), 400, "invalid_type", "url");
        assertProblem(patch(id, "{\"events\":\"test.submitted\"}"), 400, "invalid_type", "events");
        assertProblem(patch(id, "{\"events\":[\"test.submitted\",7]}"), 400, "invalid_type", "events[1]");
        assertProblem(patch(id, "{\"events\":[\"test.submitted\",null]}"), 400, "invalid_type", "events[1]");
        assertProblem(patch(id, "{\"description\":[\"x\"]}"), 400, "invalid_type", "description");
        assertProblem(patch(id, "{\"status\":true}"), 400, "invalid_type", "status");
        assertProblem(patch(id, "{\"status\":\"paused\"}"), 400, "invalid_status", "status");
        assertProblem(patch(id, "{\"status\":\"ACTIVE\"}"), 400, "invalid_status", "status");
        assertProblem(patch(id, "{\"status\":null}"), 400, "invalid_status", "status");
        assertProblem(patch(id, "{\"url\":null}"), 400, "url_required", "url");
        assertProblem(patch(id, "{\"events\":null}"), 400, "events_required", "events");
        assertProblem(patch(id, "{\"events\":[]}"), 400, "events_required", "events");
        assertProblem(
                patch(id, "{\"events\":[\"test.submitted\",\"nope.nope\"]}"), 400, "unknown_event_type", "events[1]");
        assertProblem(patch(id, "{\"url\":\"ftp://example.com/x\"}"), 400, "url_scheme_not_allowed", "url");
        assertProblem(
                patch(id, "{\"description\":\"" + "d".repeat(501) + "\"}"), 400, "description_too_long", "description");
        assertProblem(patch(id, "[]"), 400, "invalid_body", null);
        assertProblem(patch(id, "null"), 400, "invalid_body", null);

        // Nothing of the refused changes stuck.
        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));
        assertThat(read.text("description")).isEqualTo("Production receiver");
        assertThat(read.text("status")).isEqualTo("active");
        assertThat(read.json().get("events")).hasSize(2);
    }

    @Test
    void deleteAnswers204AndTheEndpointIsGoneEverywhere() {
        String id = createdId();

        ApiClient.Answer deleted = api().delete(ENDPOINTS + "/" + id, account.apiKey());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(api().get(ENDPOINTS + "/" + id, account.apiKey()), 404, "resource_missing", "id");
        assertProblem(api().delete(ENDPOINTS + "/" + id, account.apiKey()), 404, "resource_missing", "id");
        assertProblem(patch(id, "{\"description\":\"x\"}"), 404, "resource_missing", "id");
        assertProblem(
                api().post(ENDPOINTS + "/" + id + "/test", account.apiKey(), null), 404, "resource_missing", "id");
        assertProblem(
                api().post(ENDPOINTS + "/" + id + "/rotate-secret", account.apiKey(), null),
                404,
                "resource_missing",
                "id");
        assertProblem(
                api().post(ENDPOINTS + "/" + id + "/recover", account.apiKey(), null), 404, "resource_missing", "id");
        assertProblem(api().get(ENDPOINTS + "/" + id + "/deliveries", account.apiKey()), 404, "resource_missing", "id");
        assertThat(ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void rotateReturnsANewSecretOnceAndKeepsTheOldOneForTheDefaultGracePeriod() {
        ApiClient.Answer created = ApiClient.expect(201, create(QUICKSTART_BODY));
        String id = created.text("id");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        ApiClient.Answer rotated = api().post(ENDPOINTS + "/" + id + "/rotate-secret", account.apiKey(), null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().propertyNames())
                .containsExactly("id", "signing_secret", "previous_secret_expires_at");
        assertThat(rotated.text("id")).isEqualTo(id);
        String newSecret = rotated.text("signing_secret");
        assertThat(newSecret).matches("whsec_[A-Za-z0-9+/]{32}").isNotEqualTo(created.text("signing_secret"));
        assertThat(Instant.parse(rotated.text("previous_secret_expires_at"))).isEqualTo(now.plusSeconds(86_400));

        ApiClient.Answer read = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id, account.apiKey()));
        assertThat(read.text("signing_secret")).endsWith(newSecret.substring(newSecret.length() - 4));
        assertThat(read.body()).doesNotContain(newSecret.substring(6));
    }

    @Test
    void rotateTakesAnExplicitGracePeriodWithinSevenDays() {
        String id = createdId();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String rotate = ENDPOINTS + "/" + id + "/rotate-secret";

        ApiClient.Answer tenMinutes =
                ApiClient.expect(200, api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":600}"));
        assertThat(Instant.parse(tenMinutes.text("previous_secret_expires_at"))).isEqualTo(now.plusSeconds(600));
        ApiClient.Answer immediately =
                ApiClient.expect(200, api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":0}"));
        assertThat(Instant.parse(immediately.text("previous_secret_expires_at")))
                .isEqualTo(now);
        ApiClient.Answer week =
                ApiClient.expect(200, api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":604800}"));
        assertThat(Instant.parse(week.text("previous_secret_expires_at"))).isEqualTo(now.plus(Duration.ofDays(7)));
        ApiClient.expect(200, api().post(rotate, account.apiKey(), "{}"));

        assertProblem(
                api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":-1}"),
                400,
                "invalid_grace_period",
                "grace_period_seconds");
        assertProblem(
                api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":604801}"),
                400,
                "invalid_grace_period",
                "grace_period_seconds");
        assertProblem(
                api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":9223372036854775807}"),
                400,
                "invalid_grace_period",
                "grace_period_seconds");
        assertProblem(
                api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":\"600\"}"),
                400,
                "invalid_type",
                "grace_period_seconds");
        assertProblem(
                api().post(rotate, account.apiKey(), "{\"grace_period_seconds\":1.5}"),
                400,
                "invalid_type",
                "grace_period_seconds");
        assertProblem(api().post(rotate, account.apiKey(), "{\"grace\":600}"), 400, "unknown_parameter", "grace");
    }

    @Test
    void testFiresAWebhookTestEventAtThisEndpointOnly() {
        String id = createdId();
        String other = createdId();

        ApiClient.Answer fired = api().post(ENDPOINTS + "/" + id + "/test", account.apiKey(), null);

        assertThat(fired.status()).isEqualTo(202);
        assertThat(fired.json().propertyNames()).containsExactly("id", "type", "created_at", "data", "mode");
        assertThat(fired.text("id")).matches("evt_[0-9a-f]{32}");
        assertThat(fired.text("type")).isEqualTo("webhook.test");
        assertThat(fired.json().get("data").get("endpoint_id").asString()).isEqualTo(id);
        JsonNode log = ApiClient.expect(200, api().get(ENDPOINTS + "/" + id + "/deliveries", account.apiKey()))
                .json();
        assertThat(log.get("data")).hasSize(1);
        assertThat(log.get("data").get(0).get("event_id").asString()).isEqualTo(fired.text("id"));
        assertThat(log.get("data").get(0).get("event_type").asString()).isEqualTo("webhook.test");
        JsonNode otherLog = ApiClient.expect(200, api().get(ENDPOINTS + "/" + other + "/deliveries", account.apiKey()))
                .json();
        assertThat(otherLog.get("data")).isEmpty();
    }

    @Test
    void testOnADisabledEndpointIsAConflictNotAHang() {
        String id = createdId();
        ApiClient.expect(200, patch(id, "{\"status\":\"disabled\"}"));

        assertProblem(
                api().post(ENDPOINTS + "/" + id + "/test", account.apiKey(), null), 409, "endpoint_disabled", "id");
    }
}
