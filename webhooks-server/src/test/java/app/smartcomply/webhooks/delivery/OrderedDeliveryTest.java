package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ManualEngine;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery end to end, with real receivers and the engine stepped by hand: the receiver
 * fails the first attempt of event 1; the ordered endpoint gets event 2 only after event 1's
 * successful retry, while an unordered endpoint of the same events gets event 2 at once. On SQLite
 * here, on PostgreSQL in {@link PostgresOrderedDeliveryTest}.
 */
class OrderedDeliveryTest extends WebhooksAppTest {

    @Test
    void eventTwoArrivesAfterEventOnesSuccessfulRetryAtAnOrderedEndpointOnly() {
        String firstTestId = "tst_%032x".formatted(1);
        try (TestReceiver ordered = TestReceiver.start().answering(failFirstAttemptOf(firstTestId));
                TestReceiver unordered = TestReceiver.start().answering(failFirstAttemptOf(firstTestId))) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Ordered Co " + System.nanoTime());
            String key = account.text("api_key");
            ApiClient.Answer endpoint = ApiClient.expect(
                    201,
                    api.post(
                            "/api/v1/webhooks/endpoints",
                            key,
                            "{\"url\": \"" + ordered.url() + "\", \"events\": [\"test.submitted\"],"
                                    + " \"ordering\": \"fifo\"}"));
            assertThat(endpoint.text("ordering")).isEqualTo("fifo");
            api.createEndpoint(key, unordered.url(), "test.submitted");

            ManualEngine engine = engine();
            api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(2));
            engine.settle();
            // An unordered endpoint's two sends may run side by side, so only their set is fixed.
            assertThat(testIds(unordered))
                    .as("unordered: event 2 is not held back")
                    .containsExactlyInAnyOrder(1, 2);
            assertThat(testIds(ordered))
                    .as("ordered: event 2 waits for event 1")
                    .containsExactly(1);

            // The retry of event 1 is due 5 s (±20 %) later; its success lets event 2 go.
            engine.advance(Duration.ofSeconds(4));
            assertThat(testIds(ordered)).containsExactly(1);
            engine.advance(Duration.ofSeconds(3));
            assertThat(testIds(ordered)).containsExactly(1, 1, 2);
            assertThat(testIds(unordered)).hasSize(3).endsWith(1);
        }
    }

    /** 500 to the first request carrying {@code testId}, 200 to every other. */
    private static java.util.function.Function<TestReceiver.Received, Reply> failFirstAttemptOf(String testId) {
        AtomicBoolean failed = new AtomicBoolean();
        return request -> request.bodyText().contains(testId) && failed.compareAndSet(false, true)
                ? Reply.status(500)
                : Reply.ok();
    }

    /** The number of each event received, in the order the requests arrived. */
    private static List<Integer> testIds(TestReceiver receiver) {
        return receiver.received().stream()
                .map(r -> Integer.parseInt(
                        r.bodyText().replaceAll("(?s).*\"test_id\":\"tst_([0-9a-f]{32})\".*", "$1"), 16))
                .toList();
    }
}
