package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/events} as {@code ./webhooks trigger} uses it: an account's test key
 * publishes test events for its own account (delivered to its test endpoints only, stored in test
 * mode), a live key is refused with {@code live_trigger_forbidden}, and the admin key publishes for
 * any account as before. Real receivers on 127.0.0.1.
 */
class TriggerApiTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestReceiver liveReceiver;
    private TestReceiver testReceiver;
    private TestAccount account;
    private String testKey;

    @BeforeEach
    void anAccountWithATestKeyAndAnEndpointOfEachMode() {
        liveReceiver = TestReceiver.start();
        testReceiver = TestReceiver.start();
        account = TestAccount.create(api(), "Trigger Co");
        testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        api().createEndpoint(testKey, testReceiver.url(), "*");
        api().createEndpoint(account.apiKey(), liveReceiver.url(), "*");
    }

    @AfterEach
    void stopReceivers() {
        liveReceiver.close();
        testReceiver.close();
    }

    @Test
    void aTestKeyTriggersTheCatalogExampleAtItsOwnTestEndpointsOnly() {
        Answer triggered =
                ApiClient.expect(202, api().post("/api/v1/events", testKey, "{\"type\":\"notice.created\"}"));

        assertThat(triggered.text("mode")).isEqualTo("test");
        assertThat(triggered.text("type")).isEqualTo("notice.created");
        var types = ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", testKey))
                .json();
        var catalogExample = (types.has("data") ? types.get("data") : types)
                .valueStream()
                .filter(type -> type.get("name").asString().equals("notice.created"))
                .findFirst()
                .orElseThrow()
                .get("example");
        assertThat(triggered.json().get("data")).isEqualTo(catalogExample);
        new DeliveryLogReader(api(), testKey).awaitAttempts(triggered.text("id"), 1, WAIT);
        assertThat(testReceiver.received())
                .extracting(r -> r.header("X-SmartComply-Event-Id"))
                .containsExactly(triggered.text("id"));
        // Stored in test mode: the test key reads it back, the live key does not see it.
        assertThat(api().get("/api/v1/events/" + triggered.text("id"), testKey).status())
                .isEqualTo(200);
        assertThat(api().get("/api/v1/events/" + triggered.text("id"), account.apiKey())
                        .status())
                .isEqualTo(404);
        assertThat(liveReceiver.received()).isEmpty();
    }

    @Test
    void aTestKeyMayNameItsOwnAccountTestModeAndData() {
        Answer triggered = ApiClient.expect(
                202,
                api().post(
                                "/api/v1/events",
                                testKey,
                                "{\"account_id\":\"" + account.id()
                                        + "\",\"mode\":\"test\",\"type\":\"test.submitted\",\"data\":"
                                        + EventExamples.testSubmitted(3) + "}"));

        assertThat(triggered.text("mode")).isEqualTo("test");
        assertThat(triggered.json().get("data"))
                .isEqualTo(tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree(EventExamples.testSubmitted(3)));
    }

    @Test
    void aLiveKeyCannotTrigger() {
        Answer refused = api().post(
                        "/api/v1/events",
                        account.apiKey(),
                        "{\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(1) + "}");

        assertProblem(refused, 403, "live_trigger_forbidden", "Authorization", account.apiKey());
        assertThat(refused.text("detail")).contains("sc_test_");
        assertThat(api().get("/api/v1/events", account.apiKey()).json().get("data"))
                .isEmpty();
    }

    @Test
    void aTestKeyCannotAskForLiveModeOrAnotherAccount() {
        TestAccount other = TestAccount.create(api(), "Someone else");

        assertProblem(
                api().post("/api/v1/events", testKey, "{\"type\":\"notice.created\",\"mode\":\"live\"}"),
                403,
                "live_trigger_forbidden",
                "mode");
        assertProblem(
                api().post(
                                "/api/v1/events",
                                testKey,
                                "{\"type\":\"notice.created\",\"account_id\":\"" + other.id() + "\"}"),
                403,
                "account_mismatch",
                "account_id");
        assertProblem(
                api().post("/api/v1/events", testKey, "{\"type\":\"webhook.test\"}"),
                400,
                "reserved_event_type",
                "type");
        assertProblem(
                api().post("/api/v1/events", testKey, "{\"type\":\"no.such\"}"), 400, "unknown_event_type", "type");
        assertThat(api().get("/api/v1/events", testKey).json().get("data")).isEmpty();
    }

    @Test
    void aReadOnlyTestKeyCannotTrigger() {
        String readOnly = ApiClient.expect(
                        201,
                        api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\",\"scope\":\"read_only\"}"))
                .text("api_key");

        assertProblem(
                api().post("/api/v1/events", readOnly, "{\"type\":\"notice.created\"}"),
                403,
                "insufficient_scope",
                "Authorization",
                readOnly);
    }

    @Test
    void theAdminKeyPublishesForAnyAccountAsBefore() {
        Answer live = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(2));
        assertThat(live.text("mode")).isEqualTo("live");
        Answer test = ApiClient.expect(
                202,
                api().post(
                                "/api/v1/events",
                                ADMIN_KEY,
                                "{\"account_id\":\"" + account.id()
                                        + "\",\"mode\":\"test\",\"type\":\"test.submitted\",\"data\":"
                                        + EventExamples.testSubmitted(2) + "}"));
        assertThat(test.text("mode")).isEqualTo("test");

        // The platform's contract is unchanged: account_id and data stay required.
        assertProblem(
                api().post("/api/v1/events", ADMIN_KEY, "{\"type\":\"notice.created\"}"),
                400,
                "parameter_missing",
                "account_id");
        assertProblem(
                api().post(
                                "/api/v1/events",
                                ADMIN_KEY,
                                "{\"account_id\":\"" + account.id() + "\",\"type\":\"notice.created\"}"),
                400,
                "data_required",
                "data");
    }
}
