package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What the engine reports to Prometheus:
 *
 * <ul>
 *   <li>{@code webhooks_delivery_attempts_total{outcome}} — succeeded, retrying, dead;
 *   <li>{@code webhooks_delivery_attempt_duration_seconds} — time of each HTTP try;
 *   <li>{@code webhooks_deliveries_due} and {@code webhooks_deliveries_oldest_due_age_seconds} —
 *       the backlog, read from the store at most once per refresh interval however often it is
 *       scraped;
 *   <li>{@code webhooks_deliveries_in_flight} — attempts running on this node;
 *   <li>{@code webhooks_deliveries_started_total{via}} — first and later attempts started on this
 *       node, by how they reached it: {@code hand_off} straight from a publish, or {@code claim};
 *   <li>{@code webhooks_deliveries_hand_off_lapsed_total} — handed-off deliveries not started
 *       because their lease ran (nearly) out while their signing secrets could not be read.
 * </ul>
 */
final class DeliveryMetrics {

    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final Counter succeeded;
    private final Counter retrying;
    private final Counter dead;
    private final Counter claimFailures;
    private final Counter startedFromHandOff;
    private final Counter startedFromClaim;
    private final Counter handOffLapsed;
    private final Timer latency;
    private final JdbcDeliveryQueue queue;
    private final Clock clock;
    private volatile JdbcDeliveryQueue.QueueStats stats = new JdbcDeliveryQueue.QueueStats(0, 0);
    private volatile long statsReadAt = Long.MIN_VALUE;

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry, JdbcDeliveryQueue queue, Clock clock) {
        this.registry = registry;
        this.queue = queue;
        this.clock = clock;
        this.succeeded = attempts(registry, "succeeded");
        this.retrying = attempts(registry, "retrying");
        this.dead = attempts(registry, "dead");
        this.claimFailures = Counter.builder("webhooks.delivery.claim.failures")
                .description("Claims that failed because the store was unavailable")
                .register(registry);
        this.startedFromHandOff = started(registry, "hand_off");
        this.startedFromClaim = started(registry, "claim");
        this.handOffLapsed = Counter.builder("webhooks.deliveries.hand_off.lapsed")
                .description("Handed-off deliveries not started because their lease ran (nearly) out before their"
                        + " signing secrets could be read; left to the claims")
                .register(registry);
        this.latency = Timer.builder("webhooks.delivery.attempt.duration")
                .description("Duration of one HTTP attempt, connect to last byte read")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("webhooks.deliveries.due", this, m -> m.currentStats().dueDepth())
                .description("Pending deliveries whose next attempt is due")
                .register(registry);
        Gauge.builder(
                        "webhooks.deliveries.oldest.due.age",
                        this,
                        m -> m.currentStats().oldestDueAgeMs() / 1000.0)
                .baseUnit("seconds")
                .description("How long the most overdue pending delivery has been waiting")
                .register(registry);
    }

    /** Reports this node's attempts in flight, as counted by its engine. */
    void trackInFlight(IntSupplier inFlight) {
        Gauge.builder("webhooks.deliveries.in.flight", inFlight, IntSupplier::getAsInt)
                .description("Attempts in flight on this node")
                .strongReference(true) // the supplier is a lambda nobody else holds
                .register(registry);
    }

    private static Counter attempts(MeterRegistry registry, String outcome) {
        return Counter.builder("webhooks.delivery.attempts")
                .description("Delivery attempts by what became of the delivery")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter started(MeterRegistry registry, String via) {
        return Counter.builder("webhooks.deliveries.started")
                .description("Attempts started on this node, by how the delivery reached it")
                .tag("via", via)
                .register(registry);
    }

    void startedFromHandOff(int count) {
        startedFromHandOff.increment(count);
    }

    void startedFromClaim(int count) {
        startedFromClaim.increment(count);
    }

    void handOffLapsed(int count) {
        handOffLapsed.increment(count);
    }

    void attempted(AttemptResult result, NextStep next) {
        latency.record(result.durationMs(), TimeUnit.MILLISECONDS);
        if (next.status() == DeliveryStatus.SUCCEEDED) {
            succeeded.increment();
        } else if (next.status() == DeliveryStatus.PENDING) {
            retrying.increment();
        } else {
            dead.increment();
        }
    }

    void claimFailed() {
        claimFailures.increment();
    }

    private JdbcDeliveryQueue.QueueStats currentStats() {
        long now = clock.millis();
        if (now - statsReadAt >= REFRESH.toMillis() || now < statsReadAt) {
            try {
                stats = queue.stats(now);
                statsReadAt = now;
            } catch (RuntimeException e) {
                // Store unavailable: report the last known figures rather than fail the scrape.
            }
        }
        return stats;
    }
}
