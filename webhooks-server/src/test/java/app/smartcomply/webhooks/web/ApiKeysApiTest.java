package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Authenticator;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The life cycle of API keys through the API: create, list, use, roll, revoke — and scopes. */
class ApiKeysApiTest extends WebhooksAppTest {

    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Autowired
    Authenticator authenticator;

    @Test
    void aNewKeyIsShownOnceAndListedByItsPrefixOnly() {
        TestAccount account = TestAccount.create(api(), "Lister");
        Answer created = ApiClient.expect(
                201,
                api().post(
                                "/api/v1/api-keys",
                                account.apiKey(),
                                "{\"name\":\"Reporting job\",\"scope\":\"read_only\",\"mode\":\"live\"}"));
        String key = created.text("api_key");
        assertThat(key).matches("sc_live_[0-9a-f]{40}");
        assertThat(created.text("id")).matches("key_[0-9a-f]{32}");
        assertThat(created.text("prefix")).isEqualTo(key.substring(0, 12));

        JsonNode list = ApiClient.expect(200, api().get("/api/v1/api-keys", account.apiKey()))
                .json();
        assertThat(list.get("has_more").asBoolean()).isFalse();
        assertThat(list.get("data")).hasSize(2);
        JsonNode newest = list.get("data").get(0);
        assertThat(newest.get("id").asString()).isEqualTo(created.text("id"));
        assertThat(newest.get("name").asString()).isEqualTo("Reporting job");
        assertThat(newest.get("scope").asString()).isEqualTo("read_only");
        assertThat(newest.get("mode").asString()).isEqualTo("live");
        assertThat(newest.get("status").asString()).isEqualTo("active");
        assertThat(newest.get("last_four").asString()).isEqualTo(key.substring(key.length() - 4));
        assertThat(newest.get("last_used_at").isNull()).isTrue();
        assertThat(newest.get("revoked_at").isNull()).isTrue();
        assertThat(newest.get("expires_at").isNull()).isTrue();
        assertThat(list.toString()).doesNotContain(key).doesNotContain(account.apiKey());
    }

    @Test
    void lastUseIsRecordedToTheMinuteAndOnlyOnceAMinute() {
        Instant minute = Instant.ofEpochMilli(clock.millis())
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        clock.set(minute.plusSeconds(10));
        TestAccount account = TestAccount.create(api(), "User");
        ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        assertThat(lastUsed(account)).isEqualTo(minute);

        clock.set(minute.plusSeconds(50));
        ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        assertThat(lastUsed(account)).isEqualTo(minute);

        clock.set(minute.plusSeconds(200));
        ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        assertThat(lastUsed(account)).isEqualTo(minute.plusSeconds(180));
    }

    @Test
    void aRevokedKeyIsRefusedWithItsOwnCodeAndTheOthersKeepWorking() {
        TestAccount account = TestAccount.create(api(), "Revoker");
        Answer second = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), null));

        Answer revoked = ApiClient.expect(
                200, api().post("/api/v1/api-keys/" + second.text("id") + "/revoke", account.apiKey(), null));
        assertThat(revoked.text("status")).isEqualTo("revoked");
        assertThat(revoked.text("revoked_at")).isNotNull();

        assertProblem(
                api().get(ENDPOINTS, second.text("api_key")),
                401,
                "api_key_revoked",
                "Authorization",
                second.text("api_key"));
        ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        // Revoking again changes nothing.
        assertThat(ApiClient.expect(
                                200,
                                api().post("/api/v1/api-keys/" + second.text("id") + "/revoke", account.apiKey(), null))
                        .text("revoked_at"))
                .isEqualTo(revoked.text("revoked_at"));
    }

    @Test
    void aReadOnlyKeyReadsButEveryWriteIsRefused() {
        TestAccount account = TestAccount.create(api(), "Reader");
        String endpoint = api().createEndpoint(account.apiKey(), "https://example.com/hook", "*")
                .text("id");
        String readOnly = ApiClient.expect(
                        201, api().post("/api/v1/api-keys", account.apiKey(), "{\"scope\":\"read_only\"}"))
                .text("api_key");

        ApiClient.expect(200, api().get(ENDPOINTS, readOnly));
        ApiClient.expect(200, api().get(ENDPOINTS + "/" + endpoint, readOnly));
        ApiClient.expect(200, api().get("/api/v1/api-keys", readOnly));
        List<Answer> writes = new ArrayList<>(List.of(
                api().post(ENDPOINTS, readOnly, "{\"url\":\"https://example.com/x\",\"events\":[\"*\"]}"),
                api().patch(ENDPOINTS + "/" + endpoint, readOnly, "{\"description\":\"changed\"}"),
                api().delete(ENDPOINTS + "/" + endpoint, readOnly),
                api().post(ENDPOINTS + "/" + endpoint + "/rotate-secret", readOnly, "{}"),
                api().post("/api/v1/api-keys", readOnly, "{}"),
                api().post("/api/v1/api-keys/key_" + "0".repeat(32) + "/revoke", readOnly, null)));
        for (Answer write : writes) {
            assertProblem(write, 403, "insufficient_scope", "Authorization");
        }
        assertThat(ApiClient.expect(200, api().get(ENDPOINTS + "/" + endpoint, account.apiKey()))
                        .text("description"))
                .isNotEqualTo("changed");
    }

    @Test
    void aRolledKeyKeepsWorkingForItsGracePeriodThenExpires() {
        TestAccount account = TestAccount.create(api(), "Roller");
        String oldId = onlyKeyId(account);
        Answer rolled = ApiClient.expect(
                200, api().post("/api/v1/api-keys/" + oldId + "/roll", account.apiKey(), "{\"expires_in\":3600}"));
        String replacement = rolled.text("api_key");
        assertThat(replacement).startsWith("sc_live_").isNotEqualTo(account.apiKey());
        assertThat(rolled.json().get("previous_key").get("status").asString()).isEqualTo("expiring");
        assertThat(Instant.parse(
                        rolled.json().get("previous_key").get("expires_at").asString()))
                .isEqualTo(Instant.ofEpochMilli(clock.millis()).plusSeconds(3600));

        clock.advance(Duration.ofSeconds(3599));
        ApiClient.expect(200, api().get(ENDPOINTS, account.apiKey()));
        ApiClient.expect(200, api().get(ENDPOINTS, replacement));
        clock.advance(Duration.ofSeconds(1));
        assertProblem(api().get(ENDPOINTS, account.apiKey()), 401, "api_key_expired", "Authorization");
        ApiClient.expect(200, api().get(ENDPOINTS, replacement));
        assertProblem(
                api().post("/api/v1/api-keys/" + oldId + "/roll", replacement, null), 409, "api_key_expired", "key_id");
    }

    @Test
    void rollingWithNoGraceStopsTheOldKeyAtOnceAndARevokedKeyCannotBeRolled() {
        TestAccount account = TestAccount.create(api(), "Impatient");
        String oldId = onlyKeyId(account);
        String replacement = ApiClient.expect(
                        200, api().post("/api/v1/api-keys/" + oldId + "/roll", account.apiKey(), "{\"expires_in\":0}"))
                .text("api_key");
        assertProblem(api().get(ENDPOINTS, account.apiKey()), 401, "api_key_expired", "Authorization");

        String third = ApiClient.expect(201, api().post("/api/v1/api-keys", replacement, null))
                .text("id");
        ApiClient.expect(200, api().post("/api/v1/api-keys/" + third + "/revoke", replacement, null));
        assertProblem(
                api().post("/api/v1/api-keys/" + third + "/roll", replacement, null), 409, "api_key_revoked", "key_id");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String key = TestAccount.create(api(), "Typos").apiKey();
        assertProblem(api().post("/api/v1/api-keys", key, "{\"scope\":\"admin\"}"), 400, "invalid_scope", "scope");
        assertProblem(api().post("/api/v1/api-keys", key, "{\"mode\":\"prod\"}"), 400, "invalid_mode", "mode");
        assertProblem(
                api().post("/api/v1/api-keys", key, "{\"name\":\"" + "x".repeat(101) + "\"}"),
                400,
                "invalid_name",
                "name");
        assertProblem(api().post("/api/v1/api-keys", key, "{\"name\":7}"), 400, "invalid_type", "name");
        assertProblem(
                api().post("/api/v1/api-keys", key, "{\"expires_in\":1}"), 400, "unknown_parameter", "expires_in");
        String id =
                ApiClient.expect(201, api().post("/api/v1/api-keys", key, null)).text("id");
        for (String body : List.of("{\"expires_in\":604801}", "{\"expires_in\":-1}")) {
            assertProblem(
                    api().post("/api/v1/api-keys/" + id + "/roll", key, body), 400, "invalid_expires_in", "expires_in");
        }
        assertProblem(
                api().post("/api/v1/api-keys/" + id + "/roll", key, "{\"expires_in\":\"soon\"}"),
                400,
                "invalid_type",
                "expires_in");
        ApiClient.expect(200, api().post("/api/v1/api-keys/" + id + "/roll", key, "{\"expires_in\":604800}"));
    }

    @Test
    void anotherAccountsKeyLooksMissing() {
        TestAccount owner = TestAccount.create(api(), "Owner");
        String stranger = TestAccount.create(api(), "Stranger").apiKey();
        String ownerKeyId = onlyKeyId(owner);
        for (String path :
                List.of("/api/v1/api-keys/" + ownerKeyId + "/revoke", "/api/v1/api-keys/" + ownerKeyId + "/roll")) {
            assertProblem(api().post(path, stranger, null), 404, "resource_missing", "key_id");
        }
        assertProblem(api().get("/api/v1/api-keys/" + ownerKeyId, stranger), 404, "resource_missing", "key_id");
        ApiClient.expect(200, api().get(ENDPOINTS, owner.apiKey()));
    }

    @Test
    void aTestKeyAuthenticatesAndItsCallerCarriesTheMode() {
        TestAccount account = TestAccount.create(api(), "Tester");
        String test = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        assertThat(test).matches("sc_test_[0-9a-f]{40}");
        ApiClient.expect(200, api().get(ENDPOINTS, test));
        Caller.Customer caller =
                (Caller.Customer) authenticator.authenticate(test).orElseThrow();
        assertThat(caller.mode()).isEqualTo(ApiKeyMode.TEST);
        assertThat(caller.accountId()).isEqualTo(account.id());
        assertThat(((Caller.Customer)
                                authenticator.authenticate(account.apiKey()).orElseThrow())
                        .mode())
                .isEqualTo(ApiKeyMode.LIVE);
    }

    @Test
    void theAdminKeyManagesAnyAccountsKeys() {
        TestAccount account = TestAccount.create(api(), "Managed");
        String base = "/api/v1/accounts/" + account.id() + "/api-keys";
        Answer created =
                ApiClient.expect(201, api().post(base, ADMIN_KEY, "{\"name\":\"ci\",\"scope\":\"read_only\"}"));
        assertThat(created.text("scope")).isEqualTo("read_only");
        assertThat(ApiClient.expect(200, api().get(base, ADMIN_KEY)).json().get("data"))
                .hasSize(2);
        String replacement = ApiClient.expect(
                        200, api().post(base + "/" + created.text("id") + "/roll", ADMIN_KEY, "{\"expires_in\":0}"))
                .text("api_key");
        assertProblem(api().get(ENDPOINTS, created.text("api_key")), 401, "api_key_expired", "Authorization");
        ApiClient.expect(200, api().get(ENDPOINTS, replacement));
        String replacementId = ApiClient.expect(200, api().get(base, ADMIN_KEY))
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        ApiClient.expect(200, api().post(base + "/" + replacementId + "/revoke", ADMIN_KEY, null));
        assertProblem(api().get(ENDPOINTS, replacement), 401, "api_key_revoked", "Authorization");

        assertProblem(api().get(base, account.apiKey()), 403, "admin_key_required", "Authorization");
        assertProblem(
                api().get("/api/v1/accounts/acct_" + "0".repeat(32) + "/api-keys", ADMIN_KEY),
                404,
                "resource_missing",
                "id");
        assertProblem(api().get("/api/v1/api-keys", ADMIN_KEY), 403, "account_key_required", "Authorization");
    }

    @Test
    void aConfiguredAdminKeyIsNotRotated() {
        assertProblem(
                api().post("/api/v1/admin-key/rotate", ADMIN_KEY, null), 409, "admin_key_configured", null, ADMIN_KEY);
        ApiClient.expect(201, api().post("/api/v1/accounts", ADMIN_KEY, "{\"name\":\"Still works\"}"));
    }

    private Instant lastUsed(TestAccount account) {
        return Instant.parse(ApiClient.expect(200, api().get("/api/v1/api-keys", account.apiKey()))
                .json()
                .get("data")
                .get(0)
                .get("last_used_at")
                .asString());
    }

    private String onlyKeyId(TestAccount account) {
        return ApiClient.expect(200, api().get("/api/v1/api-keys", account.apiKey()))
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
    }
}
