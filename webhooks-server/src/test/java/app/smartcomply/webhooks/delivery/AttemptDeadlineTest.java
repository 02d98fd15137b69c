package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

/**
 * Every attempt is cut off by a deadline on the {@code attempt-deadlines} timer (the send timeout,
 * 10 s by default). An attempt that ends first drops its deadline at once: a deadline left queued
 * keeps its request — payload and headers — in memory for the whole timeout, tens of thousands of
 * them at a few thousand attempts a second, old enough to be promoted to the old generation.
 */
// The timeout spelled out (it is the default) and a context of its own: no other test's attempt is
// in flight on this timer while the queue is counted.
@TestPropertySource(properties = "webhooks.delivery.timeout=10s")
class AttemptDeadlineTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int EVENTS = 20;

    @Autowired
    @Qualifier("attemptDeadlines")
    private ScheduledExecutorService attemptDeadlines;

    @Test
    void aFinishedAttemptLeavesNoDeadlineQueued() {
        assertThat(attemptDeadlines).isInstanceOf(ScheduledThreadPoolExecutor.class);
        var timer = (ScheduledThreadPoolExecutor) attemptDeadlines;
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Deadline Co");
            String endpointId = api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted")
                    .text("id");
            int queuedBefore = timer.getQueue().size();

            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                eventIds.add(api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(i))
                        .text("id"));
            }
            receiver.awaitCount(EVENTS, WAIT);
            DeliveryLogApi log = new DeliveryLogApi(api(), account.apiKey());
            for (String eventId : eventIds) {
                log.awaitStatus(log.idOf(eventId, endpointId), "succeeded", WAIT);
            }

            // Well within the 10 s timeout: a deadline kept after its attempt would still be queued.
            assertThat(timer.getQueue().size())
                    .as("deadlines queued after %d finished attempts", EVENTS)
                    .isLessThanOrEqualTo(queuedBefore);
        }
    }
}
