package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.event.WireFormat;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service switches an endpoint off by itself when it answers {@code 410 Gone}, or when it has
 * failed without a single success for 5 days — and tells the account with a {@code
 * webhook.endpoint.disabled} event to its other subscribed endpoints.
 */
// Endpoints here fail many times in a row while the test clock stands still between steps; a pause
// (FailingEndpointPauseTest's subject) would hold each step's attempt until the clock moves on.
@TestPropertySource(properties = "webhooks.delivery.pause-after-failures=0")
class EndpointHealthTest extends WebhooksAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void goneFailsTheDeliveryAtOnceAndDisablesTheEndpoint() {
        try (TestReceiver gone = TestReceiver.start().answering(Reply.status(410));
                TestReceiver watcher = TestReceiver.start()) {
            Account account = newAccount("Gone Co");
            String goneId = api().createEndpoint(account.key, gone.url(), "test.submitted")
                    .text("id");
            String watcherId = api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled")
                    .text("id");

            String eventId = publish(account, 1);
            engine().settle();
            assertThat(gone.received()).hasSize(1);
            String deliveryId = account.log.idOf(eventId, goneId);
            JsonNode dead = account.log.get(deliveryId);
            assertThat(dead.get("status").asString()).isEqualTo("failed");
            assertThat(dead.get("attempt_count").asInt()).isEqualTo(1);
            assertThat(dead.get("attempts").get(0).get("response").get("status").asInt())
                    .isEqualTo(410);

            JsonNode endpoint = endpoint(account, goneId);
            assertThat(endpoint.get("status").asString()).isEqualTo("disabled");
            assertThat(endpoint.get("disabled_reason").asString()).contains("410");

            JsonNode notice = disabledNotice(watcher);
            assertThat(notice.get("data").get("endpoint_id").asString()).isEqualTo(goneId);
            assertThat(notice.get("data").get("reason").asString()).contains("410");
            assertThat(notice.get("data").get("url").asString()).isEqualTo(gone.url());
            assertThat(watcher.received()).hasSize(1);
            assertThat(account.log.search("endpoint_id=" + watcherId)).hasSize(1);

            engine().advance(Duration.ofDays(2));
            publish(account, 2);
            engine().settle();
            assertThat(gone.received()).hasSize(1);
        }
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndTheAccountIsTold() {
        try (TestReceiver failing = TestReceiver.start().answering(Reply.status(500));
                TestReceiver watcher = TestReceiver.start()) {
            Account account = newAccount("Broken Co");
            String failingId = api().createEndpoint(account.key, failing.url(), "test.submitted")
                    .text("id");
            api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled");
            long firstFailureAt = clock.millis();

            int events = failUntil(account, failingId, Duration.ofDays(5).minusHours(1));
            assertThat(endpoint(account, failingId).get("status").asString())
                    .as("still failing for less than 5 days")
                    .isEqualTo("active");
            assertThat(watcher.received()).isEmpty();

            engine().advance(Duration.ofHours(2));
            publish(account, events + 1); // fails too, unless a retry coming due now disabled the endpoint first
            JsonNode endpoint = endpointWithStatus(account, failingId, "disabled");
            assertThat(endpoint.get("disabled_reason").asString()).contains("5 days");
            JsonNode notice = disabledNotice(watcher);
            assertThat(notice.get("data").get("endpoint_id").asString()).isEqualTo(failingId);
            assertThat(notice.get("data").get("reason").asString()).contains("5 days");
            assertThat(notice.get("data").get("failing_since").asString())
                    .isEqualTo(WireFormat.timestamp(firstFailureAt));

            int before = failing.received().size();
            engine().advance(Duration.ofDays(1));
            publish(account, events + 2);
            engine().settle();
            assertThat(failing.received()).hasSize(before);

            // Enabled again by the customer, it starts with a clean record: one more failure does not
            // switch it straight back off.
            ApiClient.expect(
                    200,
                    api().patch("/api/v1/webhooks/endpoints/" + failingId, account.key, "{\"status\":\"active\"}"));
            String afterReenable = publish(account, events + 3);
            engine().settle();
            assertThat(account.log
                            .get(account.log.idOf(afterReenable, failingId))
                            .get("attempt_count")
                            .asInt())
                    .isEqualTo(1);
            JsonNode reenabled = endpoint(account, failingId);
            assertThat(reenabled.get("status").asString()).isEqualTo("active");
            assertThat(reenabled.get("disabled_reason").isNull()).isTrue();
        }
    }

    @Test
    void oneSuccessRestartsTheFiveDays() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (TestReceiver flaky = TestReceiver.start().answering(r -> healthy.get() ? Reply.ok() : Reply.status(500));
                TestReceiver watcher = TestReceiver.start()) {
            Account account = newAccount("Flaky Co");
            String flakyId = api().createEndpoint(account.key, flaky.url(), "test.submitted")
                    .text("id");
            api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled");

            int events = failUntil(account, flakyId, Duration.ofDays(3));
            healthy.set(true);
            String good = publish(account, ++events);
            engine().settle();
            assertThat(account.log
                            .get(account.log.idOf(good, flakyId))
                            .get("status")
                            .asString())
                    .isEqualTo("succeeded");
            healthy.set(false);

            // Five days and more after the first failure, but only three after the success.
            engine().advance(Duration.ofHours(1));
            events += failUntil(account, flakyId, Duration.ofDays(3));
            assertThat(endpoint(account, flakyId).get("status").asString()).isEqualTo("active");
            assertThat(watcher.received()).isEmpty();

            // Five days after the failures resumed, it is switched off.
            failUntil(account, flakyId, Duration.ofDays(2).plusHours(1));
            assertThat(endpointWithStatus(account, flakyId, "disabled")
                            .get("disabled_reason")
                            .asString())
                    .contains("5 days");
            assertThat(disabledNotice(watcher).get("data").get("endpoint_id").asString())
                    .isEqualTo(flakyId);
        }
    }

    /**
     * Publishes one failing event every 12 hours for {@code span}, so the endpoint fails throughout,
     * waiting each time until its attempt is recorded. Stops early if the endpoint was disabled (an
     * event published then has no delivery to it). @return how many events were published
     */
    private int failUntil(Account account, String endpointId, Duration span) {
        long end = clock.millis() + span.toMillis();
        int published = 0;
        while (true) {
            String eventId = publish(account, 1000 + published);
            published++;
            var deliveries = account.log.search("event_id=" + eventId + "&endpoint_id=" + endpointId);
            if (deliveries.isEmpty()
                    || !attemptedUnlessDisabled(
                            account, deliveries.getFirst().get("id").asString(), endpointId)) {
                return published;
            }
            long left = end - clock.millis();
            if (left <= 0) {
                return published;
            }
            engine().advance(Duration.ofMillis(
                    Math.min(left, Duration.ofHours(12).toMillis())));
        }
    }

    private record Account(String id, String key, DeliveryLogApi log) {}

    private Account newAccount(String name) {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, name);
        String key = account.text("api_key");
        return new Account(account.text("id"), key, new DeliveryLogApi(api(), key));
    }

    private String publish(Account account, int n) {
        return api().publish(ADMIN_KEY, account.id, "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
    }

    private JsonNode endpoint(Account account, String id) {
        return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + id, account.key))
                .json();
    }

    /**
     * Lets the engine run what is due; then the delivery's first attempt is recorded — unless its
     * endpoint was disabled meanwhile (by an older delivery's retry), which leaves it pending.
     * @return false if disabled
     */
    private boolean attemptedUnlessDisabled(Account account, String deliveryId, String endpointId) {
        engine().settle();
        if (account.log.get(deliveryId).get("attempt_count").asInt() >= 1) {
            return true;
        }
        assertThat(endpoint(account, endpointId).get("status").asString())
                .as("the endpoint of unattempted delivery " + deliveryId)
                .isEqualTo("disabled");
        return false;
    }

    /** Lets the engine run what is due; then the endpoint has this status. */
    private JsonNode endpointWithStatus(Account account, String id, String status) {
        engine().settle();
        JsonNode endpoint = endpoint(account, id);
        assertThat(endpoint.get("status").asString())
                .as("status of endpoint " + id)
                .isEqualTo(status);
        return endpoint;
    }

    /** Lets the engine send the notice (published with the disable); then the watcher has it. */
    private JsonNode disabledNotice(TestReceiver watcher) {
        engine().settle();
        assertThat(watcher.received()).as("notices the watcher got").hasSize(1);
        TestReceiver.Received request = watcher.received().getFirst();
        assertThat(request.header("X-SmartComply-Event-Type")).isEqualTo("webhook.endpoint.disabled");
        JsonNode event = JSON.readTree(request.bodyText());
        assertThat(event.get("type").asString()).isEqualTo("webhook.endpoint.disabled");
        return event;
    }
}
