package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import app.smartcomply.webhooks.store.GroupCommitter;

/**
 * Writes down an attempt and its consequences in one transaction (shared with other attempts'
 * through the {@link GroupCommitter}): the attempt row, the delivery's
 * new state, the endpoint's failure record, and — when the endpoint answered 410 or has failed
 * without a success for the auto-disable period — switching the endpoint off (which publishes
 * {@code webhook.endpoint.disabled} in the same commit).
 */
final class AttemptRecorder {

  private final DeliveryQueue queue;
  private final EndpointService endpoints;
  private final GroupCommitter commits;
  private final Clock clock;
  private final Duration autoDisableAfter;

  AttemptRecorder(
      DeliveryQueue queue, EndpointService endpoints, GroupCommitter commits, Clock clock, Duration autoDisableAfter) {
    this.queue = queue;
    this.endpoints = endpoints;
    this.commits = commits;
    this.clock = clock;
    this.autoDisableAfter = autoDisableAfter;
  }

  void record(ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next) {
    commits.execute(() -> {
      long now = clock.millis();
      queue.resolve(delivery, owner, result, next, now);
      Long failingSince = endpoints.recordDeliveryOutcome(delivery.endpointId(), result.succeeded(), now);
      if (next.disableEndpointReason() != null) {
        endpoints.disableAutomatically(delivery.endpointId(), next.disableEndpointReason());
      } else if (failingSince != null && now - failingSince >= autoDisableAfter.toMillis()) {
        endpoints.disableAutomatically(
            delivery.endpointId(),
            "No successful delivery for " + autoDisableAfter.toDays() + " days (failing since "
                + Instant.ofEpochMilli(failingSince) + ").");
      }
      return null;
    });
  }
}
