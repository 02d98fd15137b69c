package app.smartcomply.webhooks.audit;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit log through the API, as a customer and the platform read it: one entry per change with
 * the actor that made it (a key, or the service itself), no secret in any entry, filters, pages,
 * one account never seeing another's, and no route that changes an entry.
 */
class AuditLogApiTest extends WebhooksAppTest {

    private static final String UA = "audit-test/1.0";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    AuditRetention retention;

    @Test
    void everyEndpointChangeWritesOneEntryNamingTheKeyTheAddressAndTheUserAgent() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Audited Endpoints");
            String keyId = keyId(account);
            ApiClient.Answer created = call(
                    "POST",
                    "/api/v1/webhooks/endpoints",
                    account.apiKey(),
                    "{\"url\":\"" + receiver.url("/hook?token=query-token-1") + "\",\"events\":[\"*\"]}");
            String id = ApiClient.expect(201, created).text("id");
            String firstSecret = created.text("signing_secret");
            ApiClient.expect(
                    200,
                    call(
                            "PATCH",
                            "/api/v1/webhooks/endpoints/" + id,
                            account.apiKey(),
                            "{\"url\":\"" + receiver.url("/other?token=query-token-2")
                                    + "\",\"description\":\"Billing\"}"));
            // A change that fails writes nothing.
            ApiClient.expect(
                    400, call("PATCH", "/api/v1/webhooks/endpoints/" + id, account.apiKey(), "{\"url\":\"ftp://x\"}"));
            ApiClient.expect(
                    200,
                    call("PATCH", "/api/v1/webhooks/endpoints/" + id, account.apiKey(), "{\"status\":\"disabled\"}"));
            ApiClient.expect(
                    200,
                    call("PATCH", "/api/v1/webhooks/endpoints/" + id, account.apiKey(), "{\"status\":\"active\"}"));
            String rotatedSecret = ApiClient.expect(
                            200,
                            call("POST", "/api/v1/webhooks/endpoints/" + id + "/rotate-secret", account.apiKey(), null))
                    .text("signing_secret");
            ApiClient.expect(202, call("POST", "/api/v1/webhooks/endpoints/" + id + "/test", account.apiKey(), null));
            String deliveryId = new DeliveryLogApi(api(), account.apiKey())
                    .search("endpoint_id=" + id)
                    .getFirst()
                    .get("id")
                    .asString();
            ApiClient.expect(
                    202, call("POST", "/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.apiKey(), null));
            ApiClient.expect(
                    202, call("POST", "/api/v1/webhooks/endpoints/" + id + "/recover", account.apiKey(), null));
            ApiClient.expect(204, call("DELETE", "/api/v1/webhooks/endpoints/" + id, account.apiKey(), null));

            ApiClient.Answer page = ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100", account.apiKey()));
            List<JsonNode> entries = oldestFirst(page);
            assertThat(entries)
                    .extracting(e -> e.get("action").asString())
                    .containsExactly(
                            "endpoint.created",
                            "endpoint.updated",
                            "endpoint.disabled",
                            "endpoint.enabled",
                            "endpoint.secret_rotated",
                            "endpoint.test_sent",
                            "delivery.retried",
                            "endpoint.recovery_started",
                            "endpoint.deleted");
            for (JsonNode entry : entries) {
                assertThat(entry.get("id").asString()).matches("aud_[0-9a-f]{32}");
                assertThat(entry.get("account_id").asString()).isEqualTo(account.id());
                assertThat(entry.get("actor").get("type").asString()).isEqualTo("api_key");
                assertThat(entry.get("actor").get("key_id").asString()).isEqualTo(keyId);
                assertThat(entry.get("actor").get("description").asString()).startsWith("API key sc_live_");
                assertThat(entry.get("ip").asString()).isEqualTo("127.0.0.1");
                assertThat(entry.get("user_agent").asString()).isEqualTo(UA);
                assertThat(Instant.parse(entry.get("created_at").asString()).toEpochMilli())
                        .isEqualTo(clock.millis());
            }
            assertThat(entries.get(6).get("target").get("type").asString()).isEqualTo("delivery");
            assertThat(entries.get(6).get("target").get("id").asString()).isEqualTo(deliveryId);
            assertThat(entries.get(0).get("target").get("id").asString()).isEqualTo(id);
            assertThat(entries.get(1).get("changes").toString())
                    .isEqualTo("[{\"field\":\"url\",\"from\":\""
                            + receiver.url("/hook") + "\",\"to\":\"" + receiver.url("/other") + "\"},"
                            + "{\"field\":\"description\",\"from\":null,\"to\":\"Billing\"}]");
            assertThat(entries.get(2).get("changes").toString())
                    .isEqualTo("[{\"field\":\"status\",\"from\":\"active\",\"to\":\"disabled\"}]");
            assertThat(entries.get(4).get("changes").toString()).isEqualTo("[{\"field\":\"secret\"}]");
            assertThat(page.body())
                    .doesNotContain(
                            firstSecret,
                            rotatedSecret,
                            firstSecret.substring(6),
                            rotatedSecret.substring(6),
                            "query-token",
                            account.apiKey(),
                            "whsec_");
        }
    }

    @Test
    void apiKeyChangesAreAuditedWithoutTheKeysAndTheAdminKeyActsAsThePlatform() {
        TestAccount account = TestAccount.create(api(), "Audited Keys");
        ApiClient.Answer created = ApiClient.expect(
                201, call("POST", "/api/v1/api-keys", account.apiKey(), "{\"name\":\"CI\",\"scope\":\"read_only\"}"));
        String keyId = created.text("id");
        ApiClient.Answer rolled = ApiClient.expect(
                200, call("POST", "/api/v1/api-keys/" + keyId + "/roll", account.apiKey(), "{\"expires_in\":0}"));
        String replacementId = rolled.text("id");
        ApiClient.expect(200, call("POST", "/api/v1/api-keys/" + replacementId + "/revoke", account.apiKey(), null));
        ApiClient.expect(200, call("POST", "/api/v1/api-keys/" + replacementId + "/revoke", account.apiKey(), null));
        ApiClient.Answer byPlatform =
                ApiClient.expect(201, call("POST", "/api/v1/accounts/" + account.id() + "/api-keys", ADMIN_KEY, null));

        ApiClient.Answer page = ApiClient.expect(200, api().get("/api/v1/audit-log", account.apiKey()));
        List<JsonNode> entries = oldestFirst(page);
        assertThat(entries)
                .extracting(e -> e.get("action").asString() + " "
                        + e.get("target").get("id").asString())
                .as("revoking a revoked key is not a second change")
                .containsExactly(
                        "api_key.created " + keyId,
                        "api_key.rolled " + keyId,
                        "api_key.revoked " + replacementId,
                        "api_key.created " + byPlatform.text("id"));
        assertThat(entries.get(0).get("changes").toString())
                .isEqualTo(
                        "[{\"field\":\"name\",\"from\":null,\"to\":\"CI\"},{\"field\":\"scope\",\"from\":null,\"to\":\"read_only\"},"
                                + "{\"field\":\"mode\",\"from\":null,\"to\":\"live\"}]");
        assertThat(entries.get(3).get("actor").toString())
                .isEqualTo(
                        "{\"type\":\"platform\",\"key_id\":null,\"description\":\"SmartComply platform (admin key)\"}");
        assertThat(page.body())
                .doesNotContain(
                        created.text("api_key"), byPlatform.text("api_key"), account.apiKey(), rolled.text("api_key"));
    }

    @Test
    void theServiceDisablingAnEndpointThatAnswered410IsAuditedAsTheServiceWithTheReason() throws Exception {
        try (TestReceiver gone = TestReceiver.start().answering(Reply.status(410))) {
            TestAccount account = TestAccount.create(api(), "Gone Receiver");
            String id = api().createEndpoint(account.apiKey(), gone.url(), "*").text("id");
            ApiClient.expect(202, api().post("/api/v1/webhooks/endpoints/" + id + "/test", account.apiKey(), null));
            List<JsonNode> disabled = awaitEntries(account.apiKey(), "action=endpoint.disabled", 1);
            JsonNode entry = disabled.getFirst();
            assertThat(entry.get("actor").get("type").asString()).isEqualTo("service");
            assertThat(entry.get("actor").get("key_id").isNull()).isTrue();
            assertThat(entry.get("reason").asString()).contains("410");
            assertThat(entry.get("ip").isNull()).isTrue();
            assertThat(entry.get("target").get("id").asString()).isEqualTo(id);
            assertThat(entry.get("changes").toString())
                    .isEqualTo("[{\"field\":\"status\",\"from\":\"active\",\"to\":\"disabled\"}]");
        }
    }

    @Test
    void filtersAndPagesNarrowTheLog() {
        TestAccount account = TestAccount.create(api(), "Filtered");
        long start = clock.millis();
        String a = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/a", "*")
                .text("id");
        clock.advance(Duration.ofHours(1));
        String b = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/b", "*")
                .text("id");
        clock.advance(Duration.ofHours(1));
        String c = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/c", "*")
                .text("id");
        ApiClient.expect(204, api().delete("/api/v1/webhooks/endpoints/" + c, account.apiKey()));

        ApiClient.Answer first = ApiClient.expect(200, api().get("/api/v1/audit-log?limit=2", account.apiKey()));
        assertThat(targets(first)).containsExactly(c, c);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        String cursor = first.json().get("data").get(1).get("id").asString();
        ApiClient.Answer second = ApiClient.expect(
                200, api().get("/api/v1/audit-log?limit=2&starting_after=" + cursor, account.apiKey()));
        assertThat(targets(second)).containsExactly(b, a);
        assertThat(second.json().get("has_more").asBoolean()).isFalse();

        assertThat(targets(list(account.apiKey(), "target_id=" + b))).containsExactly(b);
        assertThat(targets(list(account.apiKey(), "action=endpoint.deleted"))).containsExactly(c);
        String halfAnHourIn =
                Instant.ofEpochMilli(start).plus(Duration.ofMinutes(30)).toString();
        assertThat(targets(list(account.apiKey(), "created_after=" + halfAnHourIn)))
                .containsExactly(c, c, b);
        assertThat(targets(list(account.apiKey(), "created_before=" + halfAnHourIn)))
                .containsExactly(a);

        assertProblem(
                api().get("/api/v1/audit-log?action=endpoint.exploded", account.apiKey()),
                400,
                "invalid_action",
                "action");
        assertProblem(
                api().get("/api/v1/audit-log?created_after=yesterday", account.apiKey()),
                400,
                "invalid_timestamp",
                "created_after");
        assertProblem(
                api().get("/api/v1/audit-log?starting_after=whe_1", account.apiKey()),
                400,
                "invalid_cursor",
                "starting_after");
        assertProblem(api().get("/api/v1/audit-log?limit=101", account.apiKey()), 400, "invalid_limit", "limit");
    }

    @Test
    void anAccountSeesOnlyItsOwnEntriesAndThePlatformReadsAnyAccounts() {
        TestAccount first = TestAccount.create(api(), "First");
        TestAccount second = TestAccount.create(api(), "Second");
        String firstEndpoint = api().createEndpoint(first.apiKey(), "http://127.0.0.1:9/first", "*")
                .text("id");
        String secondEndpoint = api().createEndpoint(second.apiKey(), "http://127.0.0.1:9/second", "*")
                .text("id");

        assertThat(targets(list(second.apiKey(), ""))).containsExactly(secondEndpoint);
        assertThat(targets(list(second.apiKey(), "target_id=" + firstEndpoint))).isEmpty();
        assertThat(targets(
                        ApiClient.expect(200, api().get("/api/v1/accounts/" + first.id() + "/audit-log", ADMIN_KEY))))
                .containsExactly(firstEndpoint);
        assertProblem(
                api().get("/api/v1/accounts/" + first.id() + "/audit-log", second.apiKey()),
                403,
                "admin_key_required",
                "Authorization");
        assertProblem(
                api().get("/api/v1/accounts/acct_00000000000000000000000000000000/audit-log", ADMIN_KEY),
                404,
                "resource_missing",
                "id");

        String readOnly = ApiClient.expect(
                        201, api().post("/api/v1/api-keys", first.apiKey(), "{\"scope\":\"read_only\"}"))
                .text("api_key");
        assertThat(targets(list(readOnly, "action=endpoint.created"))).containsExactly(firstEndpoint);
    }

    @Test
    void noRouteChangesOrDeletesAnEntry() {
        TestAccount account = TestAccount.create(api(), "Immutable");
        api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/x", "*");
        String entryId =
                list(account.apiKey(), "").json().get("data").get(0).get("id").asString();
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertProblem(
                    api().send(method, "/api/v1/audit-log", account.apiKey(), "{}", Map.of()),
                    405,
                    "method_not_allowed",
                    null);
            assertProblem(
                    api().send(method, "/api/v1/accounts/" + account.id() + "/audit-log", ADMIN_KEY, "{}", Map.of()),
                    405,
                    "method_not_allowed",
                    null);
            assertThat(api().send(method, "/api/v1/audit-log/" + entryId, account.apiKey(), "{}", Map.of())
                            .status())
                    .isBetween(404, 405);
        }
        assertThat(list(account.apiKey(), "").json().get("data").get(0).toString())
                .contains(entryId);
    }

    @Test
    void aRefusedChangeWritesNothing() {
        TestAccount account = TestAccount.create(api(), "Refused");
        assertProblem(api().post("/api/v1/admin-key/rotate", ADMIN_KEY, null), 409, "admin_key_configured", null);
        assertThat(ApiClient.expect(200, api().get("/api/v1/audit-log", ADMIN_KEY))
                        .json()
                        .get("data"))
                .isEmpty();
        assertProblem(
                api().patch(
                                "/api/v1/webhooks/endpoints/whe_00000000000000000000000000000000",
                                account.apiKey(),
                                "{\"status\":\"disabled\"}"),
                404,
                "resource_missing",
                "id");
        assertProblem(
                api().post("/api/v1/api-keys/key_00000000000000000000000000000000/revoke", account.apiKey(), null),
                404,
                "resource_missing",
                "key_id");
        assertThat(list(account.apiKey(), "").json().get("data")).isEmpty();
    }

    @Test
    void entriesOlderThanTheRetentionPeriodAreDeleted() {
        TestAccount account = TestAccount.create(api(), "Retained");
        String old = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/old", "*")
                .text("id");
        clock.advance(Duration.ofDays(200));
        String recent = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/new", "*")
                .text("id");
        assertThat(retention.purge()).as("nothing is a year old yet").isZero();
        clock.advance(Duration.ofDays(166));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(targets(list(account.apiKey(), ""))).containsExactly(recent).doesNotContain(old);
    }

    private ApiClient.Answer call(String method, String path, String key, String body) {
        return api().send(method, path, key, body, Map.of("User-Agent", UA));
    }

    private String keyId(TestAccount account) {
        return ApiClient.expect(200, api().get("/api/v1/api-keys", account.apiKey()))
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
    }

    private ApiClient.Answer list(String key, String query) {
        return ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100&" + query, key));
    }

    private static List<String> targets(ApiClient.Answer page) {
        List<String> ids = new ArrayList<>();
        page.json().get("data").forEach(e -> ids.add(e.get("target").get("id").asString()));
        return ids;
    }

    private static List<JsonNode> oldestFirst(ApiClient.Answer page) {
        List<JsonNode> entries = new ArrayList<>();
        page.json().get("data").forEach(entries::add);
        return entries.reversed();
    }

    /** Bounded polling: the service's own change happens on the delivery engine's threads. */
    private List<JsonNode> awaitEntries(String key, String query, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<JsonNode> entries = oldestFirst(list(key, query));
            if (entries.size() >= count || System.nanoTime() > deadline) {
                assertThat(entries).hasSize(count);
                return entries;
            }
            Thread.sleep(20);
        }
    }
}
