package app.smartcomply.webhooks.retention;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One batch of the endpoint purge: deletes endpoints deleted (by their owner) before the horizon
 * that no delivery refers to any more, with their signing secrets and their notice records
 * ({@code endpoint_notices}). Must run inside a transaction.
 *
 * <p>An endpoint goes only after the event purge has taken all of its deliveries: those are
 * purged with their events (an event with a delivery to this endpoint may be held back by another
 * endpoint's pending delivery), and a delivery row must never point at a missing endpoint — the
 * delivery log shows it. Nothing new refers to a deleted endpoint: publishes and test events
 * only target endpoints that are not deleted.
 */
final class EndpointPurge {

    /** What one batch deleted. */
    record Batch(int endpoints, int secrets) {}

    private final JdbcClient jdbc;

    EndpointPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Batch run(long horizon, int size) {
        List<String> purgeable = jdbc.sql(
                        "SELECT id FROM endpoints WHERE deleted_at IS NOT NULL AND deleted_at < :horizon"
                                + " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.endpoint_id = endpoints.id)"
                                + " ORDER BY id LIMIT :size")
                .param("horizon", horizon)
                .param("size", size)
                .query(String.class)
                .list();
        if (purgeable.isEmpty()) {
            return new Batch(0, 0);
        }
        int secrets = jdbc.sql("DELETE FROM endpoint_secrets WHERE endpoint_id IN (:ids)")
                .param("ids", purgeable)
                .update();
        jdbc.sql("DELETE FROM endpoint_notices WHERE endpoint_id IN (:ids)")
                .param("ids", purgeable)
                .update();
        jdbc.sql("DELETE FROM endpoint_signing_keys WHERE endpoint_id IN (:ids)")
                .param("ids", purgeable)
                .update();
        // A line's row outlives it only when its deliveries ended some other way than by their line
        // (the endpoint's deletion cancelled them).
        jdbc.sql("DELETE FROM delivery_lines WHERE endpoint_id IN (:ids)")
                .param("ids", purgeable)
                .update();
        int endpoints = jdbc.sql("DELETE FROM endpoints WHERE id IN (:ids)")
                .param("ids", purgeable)
                .update();
        return new Batch(endpoints, secrets);
    }
}
