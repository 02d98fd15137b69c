package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.AdminKeyStore;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rotating a generated admin key (no WEBHOOKS_ADMIN_KEY): through the API, and in the store
 * directly — what another node or an offline command-line reset does — which this node must notice
 * within a second.
 */
class AdminKeyRotationTest extends WebhooksAppTest {

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void generatedAdminKey(DynamicPropertyRegistry registry) {
        registry.add("webhooks.admin-key", () -> "");
    }

    @Test
    void aKeyReplacedInTheStoreWorksEverywhereWithinASecondAndTheApiRotatesIt() throws Exception {
        long replacedAt = System.nanoTime();
        String offline = new AdminKeyStore(jdbc).replace();
        assertThat(offline).matches("sc_admin_[0-9a-f]{40}");
        awaitWorking(offline, replacedAt);

        ApiClient.Answer rotated = ApiClient.expect(200, api().post("/api/v1/admin-key/rotate", offline, null));
        String fresh = rotated.text("admin_key");
        assertThat(fresh).matches("sc_admin_[0-9a-f]{40}").isNotEqualTo(offline);
        assertProblem(
                api().post("/api/v1/accounts", offline, "{\"name\":\"Old key\"}"),
                401,
                "invalid_api_key",
                "Authorization",
                offline);
        ApiClient.expect(201, api().post("/api/v1/accounts", fresh, "{\"name\":\"New key\"}"));
        assertThat(jdbc.sql("SELECT value FROM settings WHERE name = 'admin_key_hash'")
                        .query(String.class)
                        .single())
                .doesNotContain(fresh);
    }

    @Test
    void aRotationIsInThePlatformsAuditLogWithoutEitherKey() throws Exception {
        long replacedAt = System.nanoTime();
        String before = new AdminKeyStore(jdbc).replace();
        awaitWorking(before, replacedAt);
        String after = ApiClient.expect(
                        200,
                        api().send(
                                        "POST",
                                        "/api/v1/admin-key/rotate",
                                        before,
                                        null,
                                        java.util.Map.of("User-Agent", "ops-script/2")))
                .text("admin_key");
        ApiClient.Answer log = ApiClient.expect(200, api().get("/api/v1/audit-log?action=admin_key.rotated", after));
        // The newest entry is this rotation (the other test of this class may have rotated too).
        JsonNode entry = log.json().get("data").get(0);
        assertThat(entry.get("account_id").isNull()).isTrue();
        assertThat(entry.get("actor").get("type").asString()).isEqualTo("platform");
        assertThat(entry.get("target").get("type").asString()).isEqualTo("admin_key");
        assertThat(entry.get("user_agent").asString()).isEqualTo("ops-script/2");
        assertThat(log.body()).doesNotContain(before).doesNotContain(after);
        // An account's key never sees the platform's own entries.
        String accountKey = ApiClient.expect(201, api().post("/api/v1/accounts", after, "{\"name\":\"Tenant\"}"))
                .text("api_key");
        assertThat(ApiClient.expect(200, api().get("/api/v1/audit-log", accountKey))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    /** Bounded: the node re-reads the stored key at least twice a second. */
    private void awaitWorking(String key, long since) throws InterruptedException {
        while (api().post("/api/v1/accounts", key, "{\"name\":\"Probe\"}").status() != 201) {
            assertThat(Duration.ofNanos(System.nanoTime() - since))
                    .as("the new key was not accepted within a second")
                    .isLessThan(Duration.ofSeconds(1));
            Thread.sleep(20);
        }
    }
}
