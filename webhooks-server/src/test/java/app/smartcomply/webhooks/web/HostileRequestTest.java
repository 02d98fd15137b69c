package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests an attacker or a broken client sends, and what must hold for each: secrets are never
 * cached or echoed, only ASCII digits are numbers, and every refusal — even one the servlet
 * container makes before the application sees the request — is a problem with a {@code code}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestTest extends WebhooksAppTest {

    static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    private TestAccount account;
    private String endpointId;

    @BeforeAll
    void anAccountWithAnEndpoint() {
        account = TestAccount.create(api(), "Hostile");
        endpointId = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");
    }

    // --- 1. answers that may hold a secret are never stored by a cache -----------------------

    @Test
    void answersCarryingASecretAreNotCacheable() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Cached");
        ApiClient.Answer endpoint = api().createEndpoint(account.text("api_key"), "https://example.com/c", "*");
        ApiClient.Answer rotated = ApiClient.expect(
                200,
                api().post(ENDPOINTS + "/" + endpoint.text("id") + "/rotate-secret", account.text("api_key"), "{}"));
        ApiClient.Answer key = ApiClient.expect(
                201, api().post("/api/v1/accounts/" + account.text("id") + "/api-keys", ADMIN_KEY, null));

        for (ApiClient.Answer answer : new ApiClient.Answer[] {account, endpoint, rotated, key}) {
            assertThat(answer.header("Cache-Control")).as(answer.body()).isEqualTo("no-store");
        }
    }

    @Test
    void everyApiAnswerIsNotCacheableErrorsIncluded() {
        assertThat(api().get(ENDPOINTS, this.account.apiKey()).header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(api().get(ENDPOINTS, null).header("Cache-Control")).isEqualTo("no-store");
        assertThat(api().get(ENDPOINTS + "/whe_nope", this.account.apiKey()).header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(api().get("/api/v1/nothing-here", this.account.apiKey()).header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(api().get("/dashboard/sign-in", null).header("Cache-Control"))
                .isEqualTo("no-store");
    }

    // --- 3. only ASCII decimal digits are numbers ----------------------------------------------

    @Test
    void limitTakesOnlyAsciiDecimalDigits() {
        for (String limit :
                new String[] {"0x10", "%2310", "%EF%BC%91", "%D9%A1%D9%A0", "%2B2", "+2", "5%20", "1_0", "1e1"}) {
            assertProblem(api().get(ENDPOINTS + "?limit=" + limit, account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(api().get("/api/v1/events?limit=" + limit, account.apiKey()), 400, "invalid_limit", "limit");
            assertProblem(
                    api().get("/api/v1/webhooks/deliveries?limit=" + limit, account.apiKey()),
                    400,
                    "invalid_limit",
                    "limit");
        }
        ApiClient.Answer ten = ApiClient.expect(200, api().get(ENDPOINTS + "?limit=010", account.apiKey()));
        assertThat(ten.json().get("data")).isNotEmpty();
    }

    // --- 4. nothing that looks like a key or secret is echoed in an error ----------------------

    @Test
    void aKeySentAsAFieldNameIsNotEchoed() {
        String key = account.apiKey();
        ApiClient.Answer answer =
                api().post(ENDPOINTS, key, "{\"url\":\"https://example.com/h\",\"events\":[\"*\"],\"" + key + "\":1}");

        assertProblem(answer, 400, "unknown_parameter", "[redacted]", key, key.substring(8));
    }

    @Test
    void aSecretInsideAnEventTypeIsNotEchoed() {
        String secret = "whsec_k7Lm9PqRsTuVwXyZ0a1B2c3D4e5F6g7H";
        ApiClient.Answer subscribe = api().post(
                        ENDPOINTS,
                        account.apiKey(),
                        "{\"url\":\"https://example.com/h\",\"events\":[\"notice." + secret + "\"]}");
        assertProblem(subscribe, 400, "unknown_event_type", "events[0]", secret, secret.substring(6));

        ApiClient.Answer publish = api().post(
                        "/api/v1/events",
                        ADMIN_KEY,
                        "{\"account_id\":\"" + account.id() + "\",\"type\":\"" + ADMIN_KEY + "\",\"data\":{}}");
        assertProblem(publish, 400, "unknown_event_type", "type", ADMIN_KEY, ADMIN_KEY.substring(9));

        // Ordinary mistakes are still quoted, and the service's own pointers survive.
        ApiClient.Answer typo = api().post(
                        ENDPOINTS,
                        account.apiKey(),
                        "{\"url\":\"https://example.com/h\",\"events\":[\"notice.craeted\"]}");
        assertThat(assertProblem(typo, 400, "unknown_event_type", "events[0]").text("detail"))
                .isEqualTo("Unknown event type 'notice.craeted'. GET /api/v1/webhooks/event-types lists them.");
        assertProblem(
                api().post(
                                ENDPOINTS,
                                account.apiKey(),
                                "{\"url\":\"https://example.com/h\",\"events\":[\"*\"]," + "\"evnets\":1}"),
                400,
                "unknown_parameter",
                "evnets");
    }

    @Test
    void longRandomTokensAreNotEchoedButIdsAre() {
        String token = "Zk9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZg";
        ApiClient.Answer field = api().post(
                        ENDPOINTS,
                        account.apiKey(),
                        "{\"url\":\"https://example.com/h\",\"events\":[\"*\"],\"" + token + "\":1}");
        assertProblem(field, 400, "unknown_parameter", "[redacted]", token);

        ApiClient.Answer inPath = api().get(ENDPOINTS + "/" + account.apiKey(), account.apiKey());
        assertProblem(inPath, 404, "resource_missing", "id", account.apiKey().substring(8));

        String missing = "whe_0123456789abcdef0123456789abcdef";
        ApiClient.Answer notFound =
                assertProblem(api().get(ENDPOINTS + "/" + missing, account.apiKey()), 404, "resource_missing", "id");
        assertThat(notFound.text("detail")).contains(missing);
        assertThat(notFound.text("instance")).endsWith(missing);
    }

    // --- 5. /error is not a page of its own ------------------------------------------------------

    @Test
    void theErrorPathAnswersNotFound() {
        assertProblem(api().get("/error", null), 404, "not_found", null);
        assertProblem(api().post("/error", account.apiKey(), "{}"), 404, "not_found", null);
    }

    // --- 6. what Tomcat refuses by itself is a problem too ---------------------------------------

    @Test
    void anOversizedQueryStringIsAProblem() {
        ApiClient.Answer answer = RawHttp.get(
                port, ENDPOINTS + "?starting_after=" + "a".repeat(20_000), "Authorization: Bearer " + account.apiKey());
        assertProblem(answer, 400, "invalid_request", null, account.apiKey());
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anOversizedPathIsAProblem() {
        assertProblem(RawHttp.get(port, ENDPOINTS + "/" + "a".repeat(70_000)), 400, "invalid_request", null);
        assertProblem(RawHttp.get(port, ENDPOINTS + "/whe_" + "0".repeat(10_000)), 400, "invalid_request", null);
        assertProblem(
                RawHttp.get(port, "/api/v1/events?starting_after=evt_" + "0".repeat(10_000)),
                400,
                "invalid_request",
                null);
        assertProblem(RawHttp.get(port, ENDPOINTS, "X-Filler: " + "x".repeat(20_000)), 400, "invalid_request", null);
    }

    @Test
    void otherRequestsTomcatCannotReadAreProblems() {
        String host = "Host: 127.0.0.1:" + port;
        StringBuilder manyHeaders = new StringBuilder("GET " + ENDPOINTS + " HTTP/1.1\r\n" + host);
        for (int i = 0; i < 150; i++) {
            manyHeaders.append("\r\nX-H").append(i).append(": 1");
        }
        assertProblem(RawHttp.send(port, manyHeaders.toString(), new byte[0]), 400, "invalid_request", null);
        assertProblem(RawHttp.send(port, "GET " + ENDPOINTS + " HTTP/1.1", new byte[0]), 400, "invalid_request", null);
        assertProblem(
                RawHttp.send(port, "G(T " + ENDPOINTS + " HTTP/1.1\r\n" + host, new byte[0]),
                400,
                "invalid_request",
                null);
        assertProblem(
                RawHttp.send(
                        port, "GET " + ENDPOINTS + " HTTP/1.1\r\n" + host + "\r\nContent-Length: ten", new byte[0]),
                400,
                "invalid_request",
                null);
        assertProblem(
                RawHttp.send(port, "GET /api/v1/{x} HTTP/1.1\r\n" + host, new byte[0]), 400, "invalid_request", null);
    }

    @Test
    void tooManyQueryParametersIsAProblem() {
        String many = "&a".repeat(2_000);
        ApiClient.Answer answer = api().get(ENDPOINTS + "?limit=5" + many, account.apiKey());
        assertProblem(answer, 400, "invalid_query_string", null);
    }

    @Test
    void anUnusableAcceptHeaderStillGetsAProblemBody() {
        for (String accept : new String[] {"text/html", "image/png", "application/xml;q=1", "no/such;;q=x"}) {
            ApiClient.Answer answer = api().send("GET", ENDPOINTS, account.apiKey(), null, Map.of("Accept", accept));
            assertProblem(answer, 406, "not_acceptable", "Accept");
        }
    }

    // --- 7. a JSON body must be valid UTF-8 --------------------------------------------------------

    @Test
    void invalidUtf8InABodyIsRefused() {
        byte[][] invalid = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong "/"
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong "/" in three bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, encoded
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // five bytes
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80} // above U+10FFFF
        };
        for (byte[] bytes : invalid) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"url\":\"https://example.com/h\",\"events\":[\"*\"],\"description\":\"a"
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
            ApiClient.Answer answer = RawHttp.send(
                    port,
                    "POST " + ENDPOINTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer "
                            + account.apiKey() + "\r\nContent-Type: application/json",
                    body.toByteArray());
            assertProblem(answer, 400, "invalid_json", null);
        }
        ApiClient.Answer valid = RawHttp.send(
                port,
                "POST " + ENDPOINTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer " + account.apiKey()
                        + "\r\nContent-Type: application/json",
                "{\"url\":\"https://example.com/h\",\"events\":[\"*\"],\"description\":\"caf\u00e9 \uD83D\uDE00\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(valid.status()).as(valid.body()).isEqualTo(201);
        assertThat(valid.text("description")).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }
}
