package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ServiceProcess;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN §3, at least once across process death: "SIGKILL the service process while deliveries
 * are in flight, restart it; every accepted event reaches every subscribed endpoint." And a
 * graceful stop (SIGTERM) lets the attempts in flight finish, within the send timeout, and loses
 * nothing either.
 *
 * <p>The packaged jar runs as a separate process on a SQLite data directory; three real receivers
 * on loopback, one of them slow so that many deliveries are in flight when the signal comes.
 */
class CrashRecoveryIT {

  private static final String ADMIN_KEY = "sc_admin_it_5f0c9d2b7e4a41c8";
  private static final int PUBLISHERS = 6;
  private static final Duration SLOW_ANSWER = Duration.ofMillis(500);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
  /** Bounds a hang, not a speed. */
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(180);

  @TempDir Path temp;

  @Test
  void sigkillWhileDeliveriesAreInFlightLosesNoAcceptedEvent() throws Exception {
    Path data = temp.resolve("data");
    try (Receivers receivers = new Receivers()) {
      List<String> eventIds;
      int inFlightAtKill;
      long publishMs;
      try (ServiceProcess first = ServiceProcess.start(data, ADMIN_KEY, "first")) {
        Account account = receivers.subscribe(first.api());
        long start = System.nanoTime();
        eventIds = publish(first.api(), account.id(), 300);
        publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        inFlightAtKill = receivers.slowInFlight.get();
        first.kill();
      }
      assertThat(inFlightAtKill).as("deliveries in flight to the slow receiver at SIGKILL (the premise)")
          .isPositive();

      long restart = System.nanoTime();
      try (ServiceProcess second = ServiceProcess.start(data, ADMIN_KEY, "after-kill")) {
        long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart);
        int missingAtStart = receivers.missing(eventIds);
        long healthy = System.nanoTime();
        receivers.awaitEveryEventAtEveryEndpoint(eventIds, second);
        long completeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthy);
        Account account = receivers.account;
        awaitAllSucceeded(second.api(), account.apiKey(), eventIds.size() * 3, second);
        int duplicates = receivers.duplicates(eventIds);
        System.out.printf(
            "Crash (SIGKILL): %d events x 3 endpoints published in %d ms; %d in flight to the slow receiver at"
                + " kill; restart took %d ms; %d pairs still missing then, all %d received %d ms later;"
                + " %d duplicate(s)%n",
            eventIds.size(), publishMs, inFlightAtKill, startupMs, missingAtStart, eventIds.size() * 3, completeMs,
            duplicates);
        assertThat(second.logText()).contains("Resuming");
      }
    }
  }

  @Test
  void sigtermLetsAttemptsInFlightFinishAndLosesNothing() throws Exception {
    Path data = temp.resolve("data");
    try (Receivers receivers = new Receivers()) {
      List<String> eventIds;
      Duration stopTook;
      int inFlightAtTerm;
      try (ServiceProcess first = ServiceProcess.start(data, ADMIN_KEY, "first")) {
        Account account = receivers.subscribe(first.api());
        eventIds = publish(first.api(), account.id(), 150);
        inFlightAtTerm = receivers.slowInFlight.get();
        stopTook = first.terminate(SEND_TIMEOUT.plusSeconds(20));
        assertThat(first.logText()).contains("Delivery engine stopped");
      }
      assertThat(inFlightAtTerm).as("deliveries in flight to the slow receiver at SIGTERM (the premise)")
          .isPositive();
      int receivedBeforeRestart = receivers.total();

      try (ServiceProcess second = ServiceProcess.start(data, ADMIN_KEY, "after-term")) {
        receivers.awaitEveryEventAtEveryEndpoint(eventIds, second);
        awaitAllSucceeded(second.api(), receivers.account.apiKey(), eventIds.size() * 3, second);
        int duplicates = receivers.duplicates(eventIds);
        System.out.printf(
            "Graceful stop (SIGTERM): %d in flight to the slow receiver; exited in %d ms; %d of %d pairs received"
                + " before restart, the rest after; %d duplicate(s)%n",
            inFlightAtTerm, stopTook.toMillis(), receivedBeforeRestart, eventIds.size() * 3, duplicates);
        // Attempts in flight were allowed to finish and were recorded: nothing is sent twice.
        assertThat(duplicates).isZero();
      }
    }
  }

  /** Publishes {@code count} events from a few client threads at once; every one answered 202. */
  private static List<String> publish(ApiClient api, String accountId, int count) throws Exception {
    try (ExecutorService clients = Executors.newFixedThreadPool(PUBLISHERS)) {
      List<Future<String>> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int n = i;
        ids.add(clients.submit(() ->
            api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n)).text("id")));
      }
      List<String> accepted = new ArrayList<>(count);
      for (Future<String> id : ids) {
        accepted.add(id.get());
      }
      return accepted;
    }
  }

  /** Waits until the delivery log shows every delivery succeeded (its records caught up). */
  private static void awaitAllSucceeded(ApiClient api, String apiKey, int expected, ServiceProcess service)
      throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
    Map<String, Integer> byStatus;
    while (true) {
      byStatus = countByStatus(api, apiKey);
      if (byStatus.getOrDefault("succeeded", 0) == expected) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Deliveries by status: " + byStatus + "\n" + service.logTail(40));
      }
      Thread.sleep(200);
    }
    assertThat(byStatus).containsOnlyKeys("succeeded");
  }

  private static Map<String, Integer> countByStatus(ApiClient api, String apiKey) {
    Map<String, Integer> counts = new HashMap<>();
    String after = null;
    while (true) {
      JsonNode page = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries?limit=100"
          + (after == null ? "" : "&starting_after=" + after), apiKey)).json();
      for (JsonNode delivery : page.get("data")) {
        counts.merge(delivery.get("status").asString(), 1, Integer::sum);
        after = delivery.get("id").asString();
      }
      if (!page.get("has_more").asBoolean()) {
        return counts;
      }
    }
  }

  private record Account(String id, String apiKey) {}

  /** Two quick receivers and a slow one, each an endpoint subscribed to test.submitted. */
  private static final class Receivers implements AutoCloseable {
    final AtomicInteger slowInFlight = new AtomicInteger();
    final TestReceiver fastA = TestReceiver.start();
    final TestReceiver fastB = TestReceiver.start();
    final TestReceiver slow = TestReceiver.start().answering(request -> {
      slowInFlight.incrementAndGet();
      try {
        Thread.sleep(SLOW_ANSWER);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        slowInFlight.decrementAndGet();
      }
      return Reply.ok();
    });
    Account account;

    Account subscribe(ApiClient api) {
      ApiClient.Answer created = api.createAccount(ADMIN_KEY, "Crash Co");
      for (TestReceiver receiver : all()) {
        api.createEndpoint(created.text("api_key"), receiver.url(), "test.submitted");
      }
      account = new Account(created.text("id"), created.text("api_key"));
      return account;
    }

    List<TestReceiver> all() {
      return List.of(fastA, fastB, slow);
    }

    int total() {
      return all().stream().mapToInt(r -> r.received().size()).sum();
    }

    void awaitEveryEventAtEveryEndpoint(List<String> eventIds, ServiceProcess service) throws InterruptedException {
      long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
      while (missing(eventIds) > 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(missing(eventIds) + " (event, endpoint) pairs never arrived within "
              + DELIVERY_BOUND + "\n" + service.logTail(40));
        }
        Thread.sleep(100);
      }
    }

    private int missing(List<String> eventIds) {
      int missing = 0;
      for (TestReceiver receiver : all()) {
        var seen = receiver.received().stream()
            .map(r -> r.header("X-SmartComply-Event-Id"))
            .collect(Collectors.toSet());
        missing += (int) eventIds.stream().filter(id -> !seen.contains(id)).count();
      }
      return missing;
    }

    /** Requests beyond the first for each (event, endpoint). */
    int duplicates(List<String> eventIds) {
      int duplicates = 0;
      for (TestReceiver receiver : all()) {
        Map<String, Long> perEvent = receiver.received().stream()
            .collect(Collectors.groupingBy(r -> r.header("X-SmartComply-Event-Id"), Collectors.counting()));
        assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
        duplicates += (int) perEvent.values().stream().mapToLong(n -> n - 1).sum();
      }
      return duplicates;
    }

    @Override
    public void close() {
      all().forEach(TestReceiver::close);
    }
  }
}
