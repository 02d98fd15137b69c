package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertClientProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input of every kind against every writing route (and the list parameters): the answer
 * is always a 4xx problem, never a 5xx, never a success. Placeholders: {endpoint}, {delivery},
 * {account} are real ids of the test's account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithoutRateLimits
class ApiFuzzTest extends WebhooksAppTest {

    record Input(String method, String path, String body, Map<String, String> headers) {
        @Override
        public String toString() {
            String shown =
                    body == null ? "" : body.length() > 70 ? body.substring(0, 70) + "…(" + body.length() + ")" : body;
            return method + " " + path + " " + shown + (headers.isEmpty() ? "" : " " + headers.keySet());
        }
    }

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    static final String ONE = ENDPOINTS + "/{endpoint}";

    /** Values that are wrong wherever an object, a string or a list of strings is expected. */
    static final List<String> ODD_VALUES = List.of(
            "null",
            "[]",
            "{}",
            "true",
            "0",
            "-1",
            "1e999",
            "123456789012345678901234567890",
            "\"\"",
            "\" \"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"😀🙈\"",
            "[null]",
            "[[]]",
            "[{}]");

    static List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String longName = "{\"" + "n".repeat(100_000) + "\":1}";
        for (String wholeBody : List.of(
                "null",
                "[]",
                "\"text\"",
                "42",
                "true",
                "[{\"url\":\"https://example.com\"}]",
                deep,
                longName,
                "{\"url\":",
                "{\"a\":1,}",
                "\u00ff\u00fe",
                "{\"\\u0000\":1}")) {
            inputs.add(post(ENDPOINTS, wholeBody));
            inputs.add(patch(ONE, wholeBody));
            inputs.add(post("/api/v1/events", wholeBody));
            inputs.add(post("/api/v1/accounts", wholeBody));
            inputs.add(post(ONE + "/rotate-secret", wholeBody));
            inputs.add(post(ONE + "/recover", wholeBody));
        }
        for (String odd : ODD_VALUES) {
            inputs.add(post(ENDPOINTS, "{\"url\":" + odd + ",\"events\":[\"*\"]}"));
            inputs.add(post(ENDPOINTS, "{\"url\":\"https://example.com/h\",\"events\":" + odd + "}"));
            inputs.add(patch(ONE, "{\"url\":" + odd + "}"));
            inputs.add(patch(ONE, "{\"events\":" + odd + "}"));
            inputs.add(patch(ONE, "{\"status\":" + odd + "}"));
            inputs.add(post(
                    "/api/v1/events",
                    "{\"account_id\":" + odd + ",\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(1)
                            + "}"));
            inputs.add(post("/api/v1/events", "{\"account_id\":\"{account}\",\"type\":" + odd + ",\"data\":{}}"));
            if (!odd.equals("\"😀🙈\"") && !odd.equals("\"\\ud800\"")) { // names JSON allows
                inputs.add(post("/api/v1/accounts", "{\"name\":" + odd + "}"));
            }
            if (!odd.equals("0") && !odd.equals("null")) { // a fine grace period; the default
                inputs.add(post(ONE + "/rotate-secret", "{\"grace_period_seconds\":" + odd + "}"));
            }
            if (!odd.equals("null")) {
                inputs.add(post(ONE + "/recover", "{\"since\":" + odd + "}"));
                inputs.add(post(
                        "/api/v1/events",
                        "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":" + odd + "}"));
            }
        }
        for (String description : List.of("{}", "[\"x\"]", "1", "\"" + "é".repeat(501) + "\"")) {
            inputs.add(post(
                    ENDPOINTS,
                    "{\"url\":\"https://example.com/h\",\"events\":[\"*\"],\"description\":" + description + "}"));
            inputs.add(patch(ONE, "{\"description\":" + description + "}"));
        }
        for (String url : List.of(
                "https://exa\\u0000mple.com/",
                "https://[::1/",
                "https://example.com:0/",
                "https://-bad-.com/",
                "https://ex%41mple.com/",
                "https://1.2.3.256/",
                "file:///etc/passwd",
                "gopher://example.com/",
                "//example.com/x",
                "https://" + "a".repeat(64) + ".com/",
                "https://example.com\\\\@evil.com/",
                "https://[fe80::1%25eth0]/")) {
            inputs.add(post(ENDPOINTS, "{\"url\":\"" + url + "\",\"events\":[\"*\"]}"));
            inputs.add(patch(ONE, "{\"url\":\"" + url + "\"}"));
        }
        for (String since : List.of(
                "\"2026-13-01T00:00:00Z\"",
                "\"+999999999-12-31T23:59:59Z\"",
                "\"1970-01-01\"",
                "\"1969-12-31T23:59:59Z\"")) {
            inputs.add(post(ONE + "/recover", "{\"since\":" + since + "}"));
        }
        for (String grace : List.of("1e3", "604800.5", "-0.0", "99999999999999999999", "\"P1D\"")) {
            inputs.add(post(ONE + "/rotate-secret", "{\"grace_period_seconds\":" + grace + "}"));
        }
        for (String data : List.of(
                "{\"test_id\":\"tst_1\"}", "{\"score\":1e999}", "{\"a\":" + "[".repeat(400) + "]".repeat(400) + "}")) {
            inputs.add(post(
                    "/api/v1/events",
                    "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":" + data + "}"));
        }
        inputs.add(new Input(
                "POST",
                "/api/v1/events",
                "{\"account_id\":\"{account}\",\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(2)
                        + "}",
                Map.of("Idempotency-Key", " ")));
        for (String query : List.of(
                "limit=1.5",
                "limit=%00",
                "limit=1e1",
                "limit=2147483648",
                "starting_after=",
                "starting_after=whe_%00",
                "starting_after=" + "a".repeat(5000))) {
            inputs.add(new Input("GET", ENDPOINTS + "?" + query, null, Map.of()));
            inputs.add(new Input("GET", "/api/v1/events?" + query, null, Map.of()));
        }
        for (String query : List.of(
                "status=",
                "status=FAILED",
                "created_after=0",
                "created_before=2026-05-05",
                "created_after=-999999999-01-01T00:00:00Z",
                "endpoint_id=" + "x".repeat(3000))) {
            inputs.add(new Input("GET", "/api/v1/webhooks/deliveries?" + query, null, Map.of()));
        }
        for (String id : List.of("whe_%2e%2e", "whe_" + "f".repeat(5000), "%F0%9F%98%80", "whe_%27%20OR%201%3D1")) {
            inputs.add(new Input("GET", ENDPOINTS + "/" + id, null, Map.of()));
            inputs.add(new Input("POST", ENDPOINTS + "/" + id + "/rotate-secret", null, Map.of()));
            inputs.add(new Input("POST", "/api/v1/webhooks/deliveries/" + id + "/retry", null, Map.of()));
        }
        return inputs;
    }

    private static Input post(String path, String body) {
        return new Input("POST", path, body, Map.of());
    }

    private static Input patch(String path, String body) {
        return new Input("PATCH", path, body, Map.of());
    }

    private TestAccount account;
    private String endpointId;

    @BeforeAll
    void anAccountWithAnEndpoint() {
        account = TestAccount.create(api(), "Fuzz");
        endpointId = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("inputs")
    void malformedInputIsAlwaysA4xxProblem(Input input) {
        String path = input.path().replace("{endpoint}", endpointId);
        String body = input.body() == null ? null : input.body().replace("{account}", account.id());
        String key = path.startsWith("/api/v1/events") && input.method().equals("POST")
                        || path.startsWith("/api/v1/accounts")
                ? ADMIN_KEY
                : account.apiKey();

        ApiClient.Answer answer = api().send(input.method(), path, key, body, input.headers());

        try {
            assertClientProblem(answer);
        } catch (AssertionError e) {
            throw new AssertionError(input + " -> " + e.getMessage(), e);
        }
        assertThat(answer.body()).doesNotContain(account.apiKey()).doesNotContain(ADMIN_KEY);
        // A 429 is a 4xx problem too, but the input never reached the code under test.
        assertThat(answer.status()).as(input + " was rate limited, not checked").isNotEqualTo(429);
    }
}
