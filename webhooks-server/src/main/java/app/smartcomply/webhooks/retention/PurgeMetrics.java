package app.smartcomply.webhooks.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code webhooks_purged_rows_total{table}}: rows the purge deleted, per table. */
final class PurgeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PurgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String table : new String[] {"events", "deliveries", "attempts", "endpoints", "endpoint_secrets"}) {
            counter(table);
        }
    }

    void purged(String table, long rows) {
        if (rows > 0) {
            counter(table).increment(rows);
        }
    }

    private Counter counter(String table) {
        return counters.computeIfAbsent(
                table,
                t -> Counter.builder("webhooks.purged.rows")
                        .description("Rows deleted by the retention purge")
                        .tag("table", t)
                        .register(registry));
    }
}
