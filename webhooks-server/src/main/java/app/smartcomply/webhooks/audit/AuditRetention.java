package app.smartcomply.webhooks.audit;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets audit entries older than {@code webhooks.audit.retention} (env {@code
 * WEBHOOKS_AUDIT_RETENTION}, default 365 days): once an hour, and on demand through {@link
 * #purge()}. Deletes in batches of {@value #BATCH} rows, each its own short transaction, so a large
 * backlog never holds the store's writer for long. Every node may run it; the deletes are
 * idempotent.
 */
@Component
public class AuditRetention {

    static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-retention").daemon().factory());

    AuditRetention(JdbcClient jdbc, Clock clock, @Value("${webhooks.audit.retention:P365D}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("webhooks.audit.retention must be positive, e.g. 365d");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Deletes every entry created more than the retention period ago.
     *
     * @return how many were deleted
     */
    public int purge() {
        long cutoff = clock.millis() - retention.toMillis();
        int total = 0;
        while (true) {
            int deleted = jdbc.sql("DELETE FROM audit_log WHERE id IN"
                            + " (SELECT id FROM audit_log WHERE created_at < ? ORDER BY created_at LIMIT ?)")
                    .params(cutoff, BATCH)
                    .update();
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = purge();
                        if (deleted > 0) {
                            log.info("Deleted {} audit log entries older than {}.", deleted, retention);
                        }
                    } catch (RuntimeException e) {
                        // The store may be down for a while; the next round tries again.
                        log.warn("Audit log retention failed: {}", e.toString());
                    }
                },
                1,
                60,
                TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
