package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.web.BatchPublishContractTest.batch;
import static app.smartcomply.webhooks.web.BatchPublishContractTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Batches publishing to the same ordered endpoint's lines at once, in opposite orders, on
 * PostgreSQL, where their transactions run side by side: each takes its lines' locks in its own
 * order, so they can deadlock, and the one PostgreSQL picks to fail must be run again, not answered
 * with an error.
 */
class PostgresBatchOnOrderedLinesTest extends WebhooksAppTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("batch_ordered_lines");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }

    private static final int LINES = 20;

    @Test
    void concurrentBatchesOverTheSameLinesInOppositeOrdersAllSucceed() {
        TestAccount account = TestAccount.create(api(), "Ordered batches");
        // Deliveries are only stored here, never sent: the URL needs no listener.
        ApiClient.expect(
                201,
                api().post(
                                "/api/v1/webhooks/endpoints",
                                account.apiKey(),
                                "{\"url\":\"https://receiver.example.com/hook\",\"events\":[\"test.submitted\"],"
                                        + "\"ordering\":\"fifo\",\"ordering_key\":\"test_id\"}"));
        List<String> upwards = IntStream.range(0, LINES)
                .mapToObj(n -> event(account.id(), EventExamples.testSubmitted(n), null))
                .toList();
        List<String> downwards = new ArrayList<>(upwards);
        java.util.Collections.reverse(downwards);

        for (int round = 0; round < 10; round++) {
            var one = CompletableFuture.supplyAsync(
                    () -> api().post("/api/v1/events/batch", ADMIN_KEY, batch(false, upwards)));
            var two = CompletableFuture.supplyAsync(
                    () -> api().post("/api/v1/events/batch", ADMIN_KEY, batch(false, downwards)));
            for (ApiClient.Answer answer : List.of(one.join(), two.join())) {
                assertThat(answer.status())
                        .as("round %d: %s", round, answer.body())
                        .isEqualTo(200);
                for (var result : answer.json().get("results")) {
                    assertThat(result.get("status").asInt())
                            .as("round %d", round)
                            .isEqualTo(202);
                }
            }
        }
    }
}
