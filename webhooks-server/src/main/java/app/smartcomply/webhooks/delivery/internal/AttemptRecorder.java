package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.delivery.EndpointHealthListener;
import app.smartcomply.webhooks.delivery.EndpointHealthListener.DeadLetter;
import app.smartcomply.webhooks.delivery.EndpointHealthListener.EndpointOutcome;
import app.smartcomply.webhooks.delivery.HumanDuration;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.store.GroupCommitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes down attempts and their consequences in one transaction: the attempt rows, the
 * deliveries' new states, the endpoints' failure records, and — when the endpoint answered 410 or has failed
 * without a success for the auto-disable period — switching the endpoint off (which publishes
 * {@code webhook.endpoint.disabled} in the same commit). Then tells the {@link
 * EndpointHealthListener}s, still in the same transaction.
 */
final class AttemptRecorder {

  private final DeliveryQueue queue;
  private final EndpointsForDelivery endpoints;
  private final GroupCommitter commits;
  private final Clock clock;
  private final Duration autoDisableAfter;
  private final List<EndpointHealthListener> listeners;

  AttemptRecorder(
      DeliveryQueue queue, EndpointsForDelivery endpoints, GroupCommitter commits, Clock clock, Duration autoDisableAfter) {
    this(queue, endpoints, commits, clock, autoDisableAfter, List.of());
  }

  AttemptRecorder(
      DeliveryQueue queue, EndpointsForDelivery endpoints, GroupCommitter commits, Clock clock, Duration autoDisableAfter,
      List<EndpointHealthListener> listeners) {
    this.queue = queue;
    this.endpoints = endpoints;
    this.commits = commits;
    this.clock = clock;
    this.autoDisableAfter = autoDisableAfter;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Writes down several attempts in one transaction — one commit, one fsync, however many
   * attempts (group commit, see {@link GroupCommitRecorder}).
   *
   * <p>Endpoints are updated first, one row per endpoint, in id order: every recording
   * transaction, on every node, then takes endpoint row locks in the same order, and in the same
   * order as deleting an endpoint (endpoint row, then its deliveries), so they cannot deadlock.
   * An endpoint with any success among the attempts counts as succeeding; otherwise its run of
   * failures starts (or goes on).
   */
  void recordAll(List<AttemptOutcome> outcomes) {
    // One unit of the group committer: on SQLite the recording shares the single writer with
    // publishes and claims instead of competing with them for the database lock.
    commits.execute(() -> {
      long now = clock.millis();
      Map<String, List<AttemptOutcome>> byEndpoint = new TreeMap<>();
      for (AttemptOutcome outcome : outcomes) {
        byEndpoint.computeIfAbsent(outcome.delivery().endpointId(), id -> new ArrayList<>()).add(outcome);
      }
      List<EndpointOutcome> health = new ArrayList<>(byEndpoint.size());
      byEndpoint.forEach((endpointId, attempts) -> {
        boolean anySucceeded = attempts.stream().anyMatch(o -> o.result().succeeded());
        Long failingSince = endpoints.recordDeliveryOutcome(endpointId, anySucceeded, now);
        health.add(new EndpointOutcome(
            endpointId, anySucceeded, failingSince, anySucceeded ? null : lastError(attempts.getLast().result())));
        String goneReason = attempts.stream()
            .map(o -> o.next().disableEndpointReason())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
        if (goneReason != null) {
          endpoints.disableAutomatically(endpointId, goneReason);
        } else if (failingSince != null && now - failingSince >= autoDisableAfter.toMillis()) {
          endpoints.disableAutomatically(
              endpointId,
              "No successful delivery for " + HumanDuration.of(autoDisableAfter) + " (failing since "
                  + Instant.ofEpochMilli(failingSince) + ").");
        }
      });
      List<Boolean> resolved = queue.resolveAll(outcomes, now);
      if (!listeners.isEmpty()) {
        List<DeadLetter> dead = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
          AttemptOutcome outcome = outcomes.get(i);
          if (resolved.get(i) && outcome.next().status() == DeliveryStatus.FAILED) {
            ClaimedDelivery d = outcome.delivery();
            dead.add(new DeadLetter(d.id(), d.accountId(), d.eventId(), d.eventType(), d.endpointId(), d.url(),
                d.attemptNumber(), lastError(outcome.result())));
          }
        }
        listeners.forEach(listener -> listener.recorded(health, dead, now));
      }
      return null;
    });
  }

  /** An attempt's failure in a few words: the error, or the HTTP status it was answered with. */
  static String lastError(AttemptResult result) {
    if (result.error() != null) {
      return result.error();
    }
    return result.status() == null ? "No response" : "HTTP " + result.status();
  }
}
