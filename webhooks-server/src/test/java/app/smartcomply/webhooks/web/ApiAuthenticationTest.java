package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: no key, a wrong key, the wrong kind of key, and — most important — one
 * account reaching for another account's data, which must look exactly like data that does not
 * exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthenticationTest extends WebhooksAppTest {

    /** One call of the API: method, path (with {endpoint}, {delivery}, {event}, {account}), body. */
    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation that acts on an account's data, i.e. needs an sc_live_ key. */
    static List<Call> accountOperations() {
        return List.of(
                new Call(
                        "POST",
                        "/api/v1/webhooks/endpoints",
                        "{\"url\":\"https://example.com/hook\",\"events\":[\"*\"]}"),
                new Call("GET", "/api/v1/webhooks/endpoints", null),
                new Call("GET", "/api/v1/webhooks/endpoints/{endpoint}", null),
                new Call("PATCH", "/api/v1/webhooks/endpoints/{endpoint}", "{\"description\":\"changed\"}"),
                new Call("DELETE", "/api/v1/webhooks/endpoints/{endpoint}", null),
                new Call("POST", "/api/v1/webhooks/endpoints/{endpoint}/rotate-secret", "{}"),
                new Call("POST", "/api/v1/webhooks/endpoints/{endpoint}/test", null),
                new Call("GET", "/api/v1/webhooks/endpoints/{endpoint}/deliveries", null),
                new Call("POST", "/api/v1/webhooks/endpoints/{endpoint}/recover", "{}"),
                new Call("GET", "/api/v1/webhooks/deliveries", null),
                new Call("GET", "/api/v1/webhooks/deliveries/{delivery}", null),
                new Call("POST", "/api/v1/webhooks/deliveries/{delivery}/retry", null),
                new Call("GET", "/api/v1/events", null),
                new Call("GET", "/api/v1/events/{event}", null),
                new Call("GET", "/api/v1/api-keys", null),
                new Call("POST", "/api/v1/api-keys", "{\"name\":\"another\"}"));
    }

    /** The operations only SmartComply's own services may call, with the admin key. */
    static List<Call> platformOperations() {
        return List.of(
                new Call("POST", "/api/v1/accounts", "{\"name\":\"Another\"}"),
                new Call("POST", "/api/v1/accounts/{account}/api-keys", null),
                new Call("GET", "/api/v1/accounts/{account}/api-keys", null),
                new Call("POST", "/api/v1/admin-key/rotate", null),
                new Call("GET", "/api/v1/accounts/{account}/audit-log", null),
                // POST /api/v1/events is the platform's, but an account's test key may trigger test events with it
                // (TriggerApiTest): a live key gets 403 live_trigger_forbidden.
                new Call("POST", "/api/v1/accounts/{account}/dashboard-sessions", null));
    }

    /** Operations that hold nothing of an account's, open to either kind of key: the event catalog. */
    static List<Call> sharedOperations() {
        return List.of(new Call("GET", "/api/v1/webhooks/event-types", null));
    }

    /** Operations on one resource by id: another account must get 404 from each, as if it did not exist. */
    static List<Call> operationsOnOwnedResources() {
        return accountOperations().stream()
                .filter(call -> call.path().contains("{"))
                .toList();
    }

    static List<Call> allOperations() {
        return java.util.stream.Stream.of(accountOperations(), platformOperations(), sharedOperations())
                .flatMap(List::stream)
                .toList();
    }

    private final TestReceiver receiver = TestReceiver.start();
    private TestAccount owner;
    private TestAccount stranger;
    private String endpointId;
    private String eventId;
    private String deliveryId;

    @BeforeAll
    void ownerWithAnEndpointAnEventAndADelivery() {
        owner = TestAccount.create(api(), "Owner");
        stranger = TestAccount.create(api(), "Stranger");
        endpointId = api().createEndpoint(owner.apiKey(), receiver.url(), "test.submitted")
                .text("id");
        eventId = api().publish(ADMIN_KEY, owner.id(), "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        ApiClient.Answer deliveries =
                ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries?event_id=" + eventId, owner.apiKey()));
        deliveryId = deliveries.json().get("data").get(0).get("id").asString();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    private ApiClient.Answer call(Call call, String bearer, Map<String, String> headers) {
        return api().send(call.method(), resolve(call.path()), bearer, resolve(call.body()), headers);
    }

    private ApiClient.Answer call(Call call, String bearer) {
        return call(call, bearer, Map.of());
    }

    private String resolve(String template) {
        if (template == null) {
            return null;
        }
        return template.replace("{endpoint}", endpointId)
                .replace("{delivery}", deliveryId)
                .replace("{event}", eventId)
                .replace("{account}", owner.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allOperations")
    void withoutAnAuthorizationHeaderEveryOperationAnswers401(Call operation) {
        ApiClient.Answer answer = call(operation, null);

        assertProblem(answer, 401, "authentication_required", "Authorization");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allOperations")
    void anUnknownKeyIsRefusedWithoutEchoingIt(Call operation) {
        String wrongKey = "sc_live_0000000000000000000000000000000000000000";

        assertProblem(call(operation, wrongKey), 401, "invalid_api_key", "Authorization", wrongKey, "0000000000000000");
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedWithoutEchoingThem() {
        Call list = new Call("GET", "/api/v1/webhooks/endpoints", null);
        // A real key in the wrong scheme, a truncated real key, a real key with junk, an admin key typo.
        for (String header : List.of(
                "Basic " + owner.apiKey(),
                "Bearer " + owner.apiKey().substring(0, owner.apiKey().length() - 1),
                "Bearer " + owner.apiKey() + "x",
                "Bearer " + ADMIN_KEY + "x",
                owner.apiKey(),
                "Bearer",
                "Bearer " + "k".repeat(5000))) {
            ApiClient.Answer answer = call(list, null, Map.of("Authorization", header));
            String secretPart =
                    owner.apiKey().substring("sc_live_".length(), owner.apiKey().length() - 1);
            assertProblem(answer, 401, "invalid_api_key", "Authorization", secretPart, ADMIN_KEY);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platformOperations")
    void anAccountKeyCannotCallPlatformOperations(Call operation) {
        assertProblem(call(operation, owner.apiKey()), 403, "admin_key_required", "Authorization", owner.apiKey());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accountOperations")
    void theAdminKeyCannotCallAccountOperations(Call operation) {
        assertProblem(call(operation, ADMIN_KEY), 403, "account_key_required", "Authorization", ADMIN_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedOperations")
    void eitherKindOfKeyCanCallSharedOperations(Call operation) {
        assertThat(call(operation, ADMIN_KEY).status()).isEqualTo(200);
        assertThat(call(operation, owner.apiKey()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsOnOwnedResources")
    void anotherAccountsResourcesLookExactlyLikeMissingOnes(Call operation) {
        ApiClient.Answer answer = call(operation, stranger.apiKey());

        assertProblem(answer, 404, "resource_missing", "id");
        // The same answer as for an id that exists nowhere: nothing tells the stranger it exists.
        String missing = operation
                .path()
                .replace("{endpoint}", "whe_" + "0".repeat(32))
                .replace("{delivery}", "whd_" + "0".repeat(32))
                .replace("{event}", "evt_" + "0".repeat(32));
        ApiClient.Answer nowhere =
                api().send(operation.method(), missing, stranger.apiKey(), resolve(operation.body()), Map.of());
        assertProblem(nowhere, 404, "resource_missing", "id");
        assertThat(answer.text("detail")
                        .replace(endpointId, "ID")
                        .replace(deliveryId, "ID")
                        .replace(eventId, "ID"))
                .isEqualTo(nowhere.text("detail").replaceAll("(whe|whd|evt)_0{32}", "ID"));
    }

    @Test
    void anotherAccountsEndpointIsUntouchedAndInvisibleAfterItsAttempts() {
        for (Call operation : operationsOnOwnedResources()) {
            call(operation, stranger.apiKey());
        }
        ApiClient.Answer strangerLists =
                ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", stranger.apiKey()));
        assertThat(strangerLists.json().get("data")).isEmpty();
        ApiClient.Answer strangerEvents = ApiClient.expect(200, api().get("/api/v1/events", stranger.apiKey()));
        assertThat(strangerEvents.json().get("data")).isEmpty();
        ApiClient.Answer strangerDeliveries =
                ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries", stranger.apiKey()));
        assertThat(strangerDeliveries.json().get("data")).isEmpty();
        assertProblem(
                api().get("/api/v1/webhooks/deliveries?endpoint_id=" + endpointId, stranger.apiKey()),
                404,
                "resource_missing",
                "id");

        ApiClient.Answer still =
                ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + endpointId, owner.apiKey()));
        assertThat(still.text("description")).isEqualTo("test receiver");
        assertThat(still.text("status")).isEqualTo("active");
        ApiClient.Answer ownerDeliveries = ApiClient.expect(
                200, api().get("/api/v1/webhooks/endpoints/" + endpointId + "/deliveries", owner.apiKey()));
        assertThat(ownerDeliveries.json().get("data")).hasSize(1);
    }

    @Test
    void aSecondKeyOfAnAccountSeesTheSameData() {
        ApiClient.Answer key =
                ApiClient.expect(201, api().post("/api/v1/accounts/" + owner.id() + "/api-keys", ADMIN_KEY, null));
        assertThat(key.text("api_key")).startsWith("sc_live_").isNotEqualTo(owner.apiKey());
        assertThat(key.text("account_id")).isEqualTo(owner.id());

        ApiClient.Answer read =
                ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + endpointId, key.text("api_key")));
        assertThat(read.text("id")).isEqualTo(endpointId);
    }

    @Test
    void keysForAnUnknownAccountAreNotIssued() {
        assertProblem(
                api().post("/api/v1/accounts/acct_" + "0".repeat(32) + "/api-keys", ADMIN_KEY, null),
                404,
                "resource_missing",
                "id");
    }
}
