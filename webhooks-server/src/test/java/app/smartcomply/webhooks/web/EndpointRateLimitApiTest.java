package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rate_limit} through the API: set on create and PATCH, shown in every answer (null when
 * there is none), removed by PATCH null, left alone by a PATCH without it, and refused at save time
 * with a problem naming the field when it is not {@code {"per_second": 1..10000}}.
 */
class EndpointRateLimitApiTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Test
    void aRateLimitIsSetShownChangedAndRemoved() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Limits Co").text("api_key");
        ApiClient.Answer created = ApiClient.expect(201, api.post(ENDPOINTS, key, body("{\"per_second\": 10}")));
        assertThat(created.json().get("rate_limit").get("per_second").asInt()).isEqualTo(10);
        String id = created.text("id");
        String path = ENDPOINTS + "/" + id;
        assertThat(ApiClient.expect(200, api.get(path, key))
                        .json()
                        .get("rate_limit")
                        .get("per_second")
                        .asInt())
                .isEqualTo(10);

        ApiClient.Answer changed =
                ApiClient.expect(200, api.patch(path, key, "{\"rate_limit\": {\"per_second\": 10000}}"));
        assertThat(changed.json().get("rate_limit").get("per_second").asInt()).isEqualTo(10000);

        ApiClient.Answer untouched = ApiClient.expect(200, api.patch(path, key, "{\"description\": \"other\"}"));
        assertThat(untouched.json().get("rate_limit").get("per_second").asInt()).isEqualTo(10000);

        ApiClient.Answer removed = ApiClient.expect(200, api.patch(path, key, "{\"rate_limit\": null}"));
        assertThat(removed.json().has("rate_limit")).isTrue();
        assertThat(removed.json().get("rate_limit").isNull()).isTrue();
        assertThat(ApiClient.expect(200, api.get(path, key))
                        .json()
                        .get("rate_limit")
                        .isNull())
                .isTrue();

        ApiClient.Answer listed = ApiClient.expect(200, api.get(ENDPOINTS, key));
        assertThat(listed.json().get("data").get(0).get("rate_limit").isNull()).isTrue();

        // Each change is in the audit log, from and to; the PATCH that left it alone is not.
        List<String> changes = new ArrayList<>();
        ApiClient.expect(200, api.get("/api/v1/audit-log?limit=100", key))
                .json()
                .get("data")
                .forEach(entry -> entry.get("changes").forEach(change -> {
                    if (change.get("field").asString().equals("rate_limit")) {
                        changes.add(change.toString());
                    }
                }));
        assertThat(changes)
                .containsExactlyInAnyOrder(
                        "{\"field\":\"rate_limit\",\"from\":\"10\",\"to\":\"10000\"}",
                        "{\"field\":\"rate_limit\",\"from\":\"10000\",\"to\":null}");
    }

    @Test
    void anEndpointCreatedWithoutALimitHasNone() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Unlimited Co").text("api_key");
        ApiClient.Answer created = api.createEndpoint(key, "https://receiver.example/hooks", "test.submitted");
        assertThat(created.json().has("rate_limit")).isTrue();
        assertThat(created.json().get("rate_limit").isNull()).isTrue();
        ApiClient.Answer explicitNull = ApiClient.expect(201, api.post(ENDPOINTS, key, body("null")));
        assertThat(explicitNull.json().get("rate_limit").isNull()).isTrue();
    }

    @Test
    void anInvalidRateLimitIsRefusedWithTheFieldNamed() {
        ApiClient api = api();
        String key = api.createAccount(ADMIN_KEY, "Bad Limits Co").text("api_key");
        String perSecond = "rate_limit.per_second";
        for (String bad : new String[] {
            "{\"per_second\": 0}",
            "{\"per_second\": 10001}",
            "{\"per_second\": -5}",
            "{\"per_second\": 2.5}",
            "{\"per_second\": 10.0}",
            "{\"per_second\": \"10\"}",
            "{\"per_second\": 99999999999}",
            "{\"per_second\": null}",
            "{}"
        }) {
            assertProblem(api.post(ENDPOINTS, key, body(bad)), 400, "invalid_rate_limit", perSecond);
        }
        assertProblem(api.post(ENDPOINTS, key, body("10")), 400, "invalid_rate_limit", "rate_limit");
        assertProblem(api.post(ENDPOINTS, key, body("\"10/s\"")), 400, "invalid_rate_limit", "rate_limit");
        assertProblem(
                api.post(ENDPOINTS, key, body("{\"per_second\": 10, \"per_minute\": 100}")),
                400,
                "invalid_rate_limit",
                "rate_limit.per_minute");
        assertThat(ApiClient.expect(200, api.get(ENDPOINTS, key)).json().get("data"))
                .isEmpty();

        // On PATCH too, and nothing is changed.
        String id = ApiClient.expect(201, api.post(ENDPOINTS, key, body("{\"per_second\": 3}")))
                .text("id");
        assertProblem(
                api.patch(ENDPOINTS + "/" + id, key, "{\"description\": \"x\", \"rate_limit\": {\"per_second\": 0}}"),
                400,
                "invalid_rate_limit",
                perSecond);
        ApiClient.Answer after = ApiClient.expect(200, api.get(ENDPOINTS + "/" + id, key));
        assertThat(after.json().get("rate_limit").get("per_second").asInt()).isEqualTo(3);
        assertThat(after.text("description")).isEqualTo("test receiver");
    }

    private static String body(String rateLimit) {
        return "{\"url\": \"https://receiver.example/hooks\", \"events\": [\"test.submitted\"],"
                + " \"description\": \"test receiver\", \"rate_limit\": " + rateLimit + "}";
    }
}
