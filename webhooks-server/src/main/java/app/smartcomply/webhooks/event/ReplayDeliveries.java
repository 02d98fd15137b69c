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
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creates new deliveries of already stored events — the one place replays make deliveries.
 *
 * <p>It takes exactly the path a publish takes (see {@link EventPublisher}): a {@link HandOff}
 * made before the unit, {@link DeliveryScheduler#scheduleFor} inside one {@link GroupCommitter}
 * unit, and the hand-off settled after it — so a replayed delivery is leased, parked, woken and
 * started like any other, and nothing about delivery is duplicated here. {@link #inUnit} and
 * {@link #schedule} are the only two spots that touch the delivery module.
 */
@Component
class ReplayDeliveries {

  /** A stored event with the traceparent of its publish, which replayed attempts continue. */
  record StoredEvent(Event event, String traceparent) {}

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
   * One new pending delivery of the event per target, committed together with {@code alsoInUnit}
   * (the audit entry), carrying the event's stored payload.
   *
   * @return the new delivery id per endpoint id, in the targets' order
   */
  Map<String, String> create(StoredEvent stored, List<Subscriber> targets, Runnable alsoInUnit) {
    long now = clock.millis();
    Event event = stored.event();
    return inUnit(handOff -> () -> {
      // scheduleFor draws the ids itself; the new ones are those of this event not there before.
      Set<String> before = new HashSet<>(
          jdbc.sql("SELECT id FROM deliveries WHERE event_id = ?").param(event.id()).query(String.class).list());
      schedule(handOff, stored, targets, now);
      alsoInUnit.run();
      Map<String, String> byEndpoint = new LinkedHashMap<>();
      targets.forEach(target -> byEndpoint.put(target.id(), null));
      jdbc.sql("SELECT id, endpoint_id FROM deliveries WHERE event_id = ?")
          .param(event.id())
          .query((rs, n) -> {
            if (!before.contains(rs.getString(1))) {
              byEndpoint.replace(rs.getString(2), rs.getString(1));
            }
            return rs.getString(1);
          })
          .list();
      return byEndpoint;
    });
  }

  /**
   * One new delivery of each event to the target, created in the events' order in one unit that
   * also runs {@code check} first (it may throw to create nothing) and {@code progress} last.
   */
  void createEach(List<StoredEvent> events, Subscriber target, Runnable check, Runnable progress) {
    long now = clock.millis();
    inUnit(handOff -> () -> {
      check.run();
      for (StoredEvent stored : events) {
        schedule(handOff, stored, List.of(target), now);
      }
      progress.run();
      return null;
    });
  }

  private void schedule(HandOff handOff, StoredEvent stored, List<Subscriber> targets, long now) {
    Event event = stored.event();
    scheduler.scheduleFor(handOff, event.id(), event.accountId(), event.mode(), event.type(), targets, now,
        event.payload(), stored.traceparent());
  }

  /** Runs the work in one GroupCommitter unit and settles its hand-off, as a publish does. */
  private <T> T inUnit(java.util.function.Function<HandOff, Supplier<T>> work) {
    HandOff handOff = scheduler.handOff();
    try {
      T result = commits.execute(work.apply(handOff));
      handOff.committed();
      return result;
    } catch (RuntimeException | Error e) {
      handOff.failed();
      throw e;
    }
  }
}
