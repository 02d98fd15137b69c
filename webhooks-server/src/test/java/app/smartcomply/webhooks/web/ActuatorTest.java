package app.smartcomply.webhooks.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators scrape: health without credentials, and the delivery metrics after a delivery. */
class ActuatorTest extends WebhooksAppTest {

    @Test
    void healthIsUpWithoutAuthentication() {
        ApiClient.Answer health = api().get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(api().get("/actuator/health/liveness", null).text("status")).isEqualTo("UP");
        assertThat(api().get("/actuator/health/readiness", null).text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheDeliveryMetricsAfterADelivery() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Metrics");
            api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted");
            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1));
            receiver.awaitCount(1, Duration.ofSeconds(20));

            String metrics =
                    awaitMetric("webhooks_delivery_attempts_total\\{[^}]*outcome=\"succeeded\"[^}]*\\} ([0-9.]+)");

            assertThat(metrics).contains("# TYPE webhooks_delivery_attempts_total counter");
            assertThat(metrics)
                    .containsPattern("webhooks_delivery_attempt_duration_seconds_count(\\{[^}]*\\})? 1(\\.0)?\\n");
            assertThat(metrics).contains("webhooks_delivery_attempt_duration_seconds_bucket");
            assertThat(metrics).containsPattern("webhooks_deliveries_due(\\{[^}]*\\})? [0-9.]+");
            assertThat(metrics).containsPattern("webhooks_deliveries_oldest_due_age_seconds(\\{[^}]*\\})? [0-9.]+");
        }
    }

    /** Scrapes until the pattern's value is at least 1: the attempt is recorded just after the receiver answers. */
    private String awaitMetric(String regex) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            ApiClient.Answer scrape = api().get("/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            Matcher matcher = pattern.matcher(scrape.body());
            if (matcher.find() && Double.parseDouble(matcher.group(1)) >= 1) {
                return scrape.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + regex + " in:\n" + scrape.body());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
