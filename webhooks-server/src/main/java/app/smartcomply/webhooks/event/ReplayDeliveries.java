package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.delivery.DeliveryIntake;
import app.smartcomply.webhooks.delivery.EventToDeliver;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.endpoint.SubscriberFilter;
import app.smartcomply.webhooks.store.GroupCommitter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates new deliveries of already stored events — the one place replays make deliveries.
 *
 * <p>It asks the delivery module exactly as a publish does ({@link DeliveryIntake#enqueue} inside
 * one {@link GroupCommitter} unit), so a replayed delivery is leased, parked, woken and started
 * like any other, and its hand-off is settled by the intake when the unit commits or fails. The
 * deliveries are made at the replay's moment, not the event's: they are due from now.
 */
@Component
class ReplayDeliveries {

    /** A stored event with the traceparent of its publish, which replayed attempts continue. */
    record StoredEvent(Event event, String traceparent) {}

    private final GroupCommitter commits;
    private final DeliveryIntake intake;
    private final Clock clock;
    private final SubscriberFilter filters;
    private final JsonMapper json;

    ReplayDeliveries(
            GroupCommitter commits, DeliveryIntake intake, Clock clock, SubscriberFilter filters, JsonMapper json) {
        this.commits = commits;
        this.intake = intake;
        this.clock = clock;
        this.filters = filters;
        this.json = json;
    }

    /**
     * One new pending delivery of the event per target, committed together with {@code alsoInUnit}
     * (the audit entry), carrying the event's stored payload.
     *
     * @return the new delivery id per endpoint id, in the targets' order
     */
    Map<String, String> create(StoredEvent stored, List<Subscriber> targets, Runnable alsoInUnit) {
        long now = clock.millis();
        return commits.execute(() -> {
            List<String> deliveryIds = enqueue(stored, targets, now);
            alsoInUnit.run();
            Map<String, String> byEndpoint = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                byEndpoint.put(targets.get(i).id(), deliveryIds.get(i));
            }
            return byEndpoint;
        });
    }

    /** Of the targets, those whose filter the event's data matches: whom it would reach if published now. */
    List<Subscriber> matching(StoredEvent stored, List<Subscriber> targets) {
        return targets.stream().allMatch(target -> target.filter() == null)
                ? targets
                : filters.matching(
                        targets, json.readTree(stored.event().payload()).get("data"));
    }

    /**
     * One new delivery to the target of each event its filter matches (what it would have been sent
     * at publish), created in the events' order in one unit that also runs {@code check} first (it
     * may throw to create nothing) and {@code progress} last.
     */
    void createEach(List<StoredEvent> events, Subscriber target, Runnable check, Runnable progress) {
        long now = clock.millis();
        commits.execute(() -> {
            check.run();
            for (StoredEvent stored : events) {
                enqueue(stored, matching(stored, List.of(target)), now);
            }
            progress.run();
            return null;
        });
    }

    private List<String> enqueue(StoredEvent stored, List<Subscriber> targets, long now) {
        Event event = stored.event();
        return intake.enqueue(
                new EventToDeliver(
                        event.id(),
                        event.accountId(),
                        event.mode(),
                        event.type(),
                        now,
                        event.payload(),
                        stored.traceparent()),
                targets,
                true);
    }
}
