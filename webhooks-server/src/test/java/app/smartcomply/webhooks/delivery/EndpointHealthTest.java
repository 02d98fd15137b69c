package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.event.WireFormat;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.Quiet;
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

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void goneFailsTheDeliveryAtOnceAndDisablesTheEndpoint() {
    try (TestReceiver gone = TestReceiver.start().answering(Reply.status(410));
        TestReceiver watcher = TestReceiver.start()) {
      Account account = newAccount("Gone Co");
      String goneId = api().createEndpoint(account.key, gone.url(), "test.submitted").text("id");
      String watcherId = api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled").text("id");

      String eventId = publish(account, 1);
      gone.awaitCount(1, WAIT);
      String deliveryId = account.log.idOf(eventId, goneId);
      JsonNode dead = account.log.awaitStatus(deliveryId, "failed", WAIT);
      assertThat(dead.get("attempt_count").asInt()).isEqualTo(1);
      assertThat(dead.get("attempts").get(0).get("response").get("status").asInt()).isEqualTo(410);

      JsonNode endpoint = endpoint(account, goneId);
      assertThat(endpoint.get("status").asString()).isEqualTo("disabled");
      assertThat(endpoint.get("disabled_reason").asString()).contains("410");

      JsonNode notice = awaitDisabledNotice(watcher);
      assertThat(notice.get("data").get("endpoint_id").asString()).isEqualTo(goneId);
      assertThat(notice.get("data").get("reason").asString()).contains("410");
      assertThat(notice.get("data").get("url").asString()).isEqualTo(gone.url());
      assertThat(watcher.received()).hasSize(1);
      assertThat(account.log.search("endpoint_id=" + watcherId)).hasSize(1);

      advance(Duration.ofDays(2));
      publish(account, 2);
      Quiet.assertNoMoreRequests(gone, 1);
    }
  }

  @Test
  void anEndpointFailingForFiveDaysIsDisabledAndTheAccountIsTold() {
    try (TestReceiver failing = TestReceiver.start().answering(Reply.status(500));
        TestReceiver watcher = TestReceiver.start()) {
      Account account = newAccount("Broken Co");
      String failingId = api().createEndpoint(account.key, failing.url(), "test.submitted").text("id");
      api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled");
      long firstFailureAt = clock.millis();

      int events = failUntil(account, failingId, Duration.ofDays(5).minusHours(1));
      assertThat(endpoint(account, failingId).get("status").asString())
          .as("still failing for less than 5 days").isEqualTo("active");
      assertThat(watcher.received()).isEmpty();

      advance(Duration.ofHours(2));
      publish(account, events + 1); // fails too, unless a retry coming due now disabled the endpoint first
      JsonNode endpoint = awaitEndpointStatus(account, failingId, "disabled");
      assertThat(endpoint.get("disabled_reason").asString()).contains("5 days");
      JsonNode notice = awaitDisabledNotice(watcher);
      assertThat(notice.get("data").get("endpoint_id").asString()).isEqualTo(failingId);
      assertThat(notice.get("data").get("reason").asString()).contains("5 days");
      assertThat(notice.get("data").get("failing_since").asString()).isEqualTo(WireFormat.timestamp(firstFailureAt));

      int before = failing.received().size();
      advance(Duration.ofDays(1));
      publish(account, events + 2);
      Quiet.assertNoMoreRequests(failing, before);

      // Enabled again by the customer, it starts with a clean record: one more failure does not
      // switch it straight back off.
      ApiClient.expect(200, api().patch(
          "/api/v1/webhooks/endpoints/" + failingId, account.key, "{\"status\":\"active\"}"));
      String afterReenable = publish(account, events + 3);
      account.log.awaitAttempts(account.log.idOf(afterReenable, failingId), 1, WAIT);
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
      String flakyId = api().createEndpoint(account.key, flaky.url(), "test.submitted").text("id");
      api().createEndpoint(account.key, watcher.url(), "webhook.endpoint.disabled");

      int events = failUntil(account, flakyId, Duration.ofDays(3));
      healthy.set(true);
      String good = publish(account, ++events);
      account.log.awaitStatus(account.log.idOf(good, flakyId), "succeeded", WAIT);
      healthy.set(false);

      // Five days and more after the first failure, but only three after the success.
      advance(Duration.ofHours(1));
      events += failUntil(account, flakyId, Duration.ofDays(3));
      assertThat(endpoint(account, flakyId).get("status").asString()).isEqualTo("active");
      assertThat(watcher.received()).isEmpty();

      // Five days after the failures resumed, it is switched off.
      failUntil(account, flakyId, Duration.ofDays(2).plusHours(1));
      assertThat(awaitEndpointStatus(account, flakyId, "disabled").get("disabled_reason").asString())
          .contains("5 days");
      assertThat(awaitDisabledNotice(watcher).get("data").get("endpoint_id").asString()).isEqualTo(flakyId);
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
          || !awaitAttemptUnlessDisabled(account, deliveries.getFirst().get("id").asString(), endpointId)) {
        return published;
      }
      long left = end - clock.millis();
      if (left <= 0) {
        return published;
      }
      advance(Duration.ofMillis(Math.min(left, Duration.ofHours(12).toMillis())));
    }
  }

  private record Account(String id, String key, DeliveryLogApi log) {}

  private Account newAccount(String name) {
    ApiClient.Answer account = api().createAccount(ADMIN_KEY, name);
    String key = account.text("api_key");
    return new Account(account.text("id"), key, new DeliveryLogApi(api(), key));
  }

  private String publish(Account account, int n) {
    return api().publish(ADMIN_KEY, account.id, "test.submitted", EventExamples.testSubmitted(n)).text("id");
  }

  private JsonNode endpoint(Account account, String id) {
    return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + id, account.key)).json();
  }

  /**
   * Waits until the delivery's first attempt is recorded — or its endpoint was disabled meanwhile
   * (by an older delivery's retry), which leaves it pending. @return false if disabled
   */
  private boolean awaitAttemptUnlessDisabled(Account account, String deliveryId, String endpointId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      if (account.log.get(deliveryId).get("attempt_count").asInt() >= 1) {
        return true;
      }
      if ("disabled".equals(endpoint(account, endpointId).get("status").asString())) {
        return false;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Delivery " + deliveryId + " was not attempted: " + account.log.get(deliveryId));
      }
      pause();
    }
  }

  private JsonNode awaitEndpointStatus(Account account, String id, String status) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode endpoint = endpoint(account, id);
      if (status.equals(endpoint.get("status").asString())) {
        return endpoint;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Endpoint " + id + " did not become " + status + ": " + endpoint);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonNode awaitDisabledNotice(TestReceiver watcher) {
    TestReceiver.Received request = watcher.awaitCount(1, WAIT).getFirst();
    assertThat(request.header("X-SmartComply-Event-Type")).isEqualTo("webhook.endpoint.disabled");
    JsonNode event = JSON.readTree(request.bodyText());
    assertThat(event.get("type").asString()).isEqualTo("webhook.endpoint.disabled");
    return event;
  }
}
