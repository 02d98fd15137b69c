package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.delivery.DeliveryScheduler;
import app.smartcomply.webhooks.delivery.HandOff;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.store.GroupCommitter;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creates new deliveries of an already stored event — the one place replays make deliveries.
 *
 * <p>It takes exactly the path a publish takes (see {@link EventPublisher}): a {@link HandOff}
 * made before the unit, {@link DeliveryScheduler#scheduleFor} inside one {@link GroupCommitter}
 * unit, and the hand-off settled after it — so a replayed delivery is leased, parked, woken and
 * started like any other, and nothing about delivery is duplicated here.
 */
@Component
class ReplayDeliveries {

  private final GroupCommitter commits;
  private final DeliveryScheduler scheduler;
  private final JdbcClient jdbc;
  private final Clock clock;

  ReplayDeliveries(GroupCommitter commits, DeliveryScheduler scheduler, JdbcClient jdbc, Clock clock) {
    this.commits = commits;
    this.scheduler = scheduler;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One new pending delivery of {@code event} per target, committed together with {@code
   * alsoInUnit} (e.g. the audit entry or a job's progress), carrying the event's stored payload.
   *
   * @param traceparent the event's stored traceparent (attempts continue its trace), or null
   * @return the new delivery id per endpoint id, in the targets' order
   */
  Map<String, String> create(Event event, String traceparent, List<Subscriber> targets, Runnable alsoInUnit) {
    long now = clock.millis();
    HandOff handOff = scheduler.handOff();
    try {
      Map<String, String> created = commits.execute(() -> {
        // scheduleFor draws the ids itself; the new ones are those of this event not there before.
        Set<String> before = new HashSet<>(deliveryIds(event.id()));
        scheduler.scheduleFor(handOff, event.id(), event.accountId(), event.mode(), event.type(), targets, now,
            event.payload(), traceparent);
        alsoInUnit.run();
        Map<String, String> byEndpoint = new LinkedHashMap<>();
        targets.forEach(target -> byEndpoint.put(target.id(), null));
        jdbc.sql("SELECT id, endpoint_id FROM deliveries WHERE event_id = ?")
            .param(event.id())
            .query((rs, n) -> {
              if (!before.contains(rs.getString(1))) {
                byEndpoint.replace(rs.getString(2), rs.getString(1));
              }
              return null;
            })
            .list();
        return byEndpoint;
      });
      handOff.committed();
      return created;
    } catch (RuntimeException | Error e) {
      handOff.failed();
      throw e;
    }
  }

  private List<String> deliveryIds(String eventId) {
    return jdbc.sql("SELECT id FROM deliveries WHERE event_id = ?").param(eventId).query(String.class).list();
  }
}
