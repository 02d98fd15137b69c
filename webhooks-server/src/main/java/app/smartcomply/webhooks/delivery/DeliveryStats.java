package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Numbers about deliveries for people watching their endpoints: success rates, hourly activity and
 * latency, and how many deliveries sit in each state. Counts are of attempts (HTTP tries) where
 * the question is "how is the endpoint doing lately", and of deliveries where it is "what is
 * waiting or dead". An attempt succeeded when the endpoint answered 2xx.
 *
 * <p>Read-only, and scoped to one account like everything customer-facing.
 */
@Service
public class DeliveryStats {

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final String SUCCEEDED = "CASE WHEN a.response_status BETWEEN 200 AND 299 THEN 1 ELSE 0 END";

    private final JdbcClient jdbc;

    DeliveryStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Attempts made in a period and how many of them got a 2xx. */
    public record SuccessRate(long attempts, long succeeded) {
        /** Whole-number percentage of successful attempts; meaningless (0) when there were none. */
        public long percent() {
            return attempts == 0 ? 0 : Math.round(100.0 * succeeded / attempts);
        }
    }

    /**
     * One hour of an endpoint's attempts.
     *
     * @param hourStart the hour's first millisecond (epoch ms)
     * @param averageMillis mean attempt duration, or null when there were no attempts
     * @param maxMillis slowest attempt duration, or null when there were no attempts
     */
    public record HourlyAttempts(long hourStart, long succeeded, long failed, Double averageMillis, Long maxMillis) {
        public long total() {
            return succeeded + failed;
        }
    }

    /**
     * Success rate of each of the account's endpoints of this mode over attempts started at or after
     * {@code since}. Endpoints without attempts in the period are absent from the map.
     */
    public Map<String, SuccessRate> successRatesSince(String accountId, ApiKeyMode mode, long since) {
        Map<String, SuccessRate> rates = new HashMap<>();
        jdbc.sql("SELECT d.endpoint_id, COUNT(*), SUM(" + SUCCEEDED + ") FROM attempts a"
                        + " JOIN deliveries d ON d.id = a.delivery_id"
                        + " WHERE d.account_id = ? AND d.mode = ? AND a.started_at >= ? GROUP BY d.endpoint_id")
                .params(accountId, mode.wire(), since)
                .query(rs -> {
                    rates.put(rs.getString(1), new SuccessRate(rs.getLong(2), rs.getLong(3)));
                });
        return rates;
    }

    /**
     * The endpoint's attempts in {@code hours} consecutive hours starting at {@code from}, one
     * element per hour, oldest first, hours without attempts included as zeros.
     */
    public List<HourlyAttempts> hourly(String accountId, ApiKeyMode mode, String endpointId, long from, int hours) {
        long to = from + hours * HOUR_MILLIS;
        Map<Integer, HourlyAttempts> byHour = new HashMap<>();
        jdbc.sql("SELECT (a.started_at - ?) / " + HOUR_MILLIS + " AS bucket, SUM(" + SUCCEEDED + "), COUNT(*),"
                        + " AVG(a.duration_ms), MAX(a.duration_ms) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id"
                        + " WHERE d.account_id = ? AND d.mode = ? AND d.endpoint_id = ? AND a.started_at >= ? AND a.started_at < ?"
                        // By position: PostgreSQL would not see two placeholders as the same expression.
                        + " GROUP BY 1")
                .params(from, accountId, mode.wire(), endpointId, from, to)
                .query(rs -> {
                    int bucket = rs.getInt(1);
                    long succeeded = rs.getLong(2);
                    long total = rs.getLong(3);
                    byHour.put(
                            bucket,
                            new HourlyAttempts(
                                    from + bucket * HOUR_MILLIS,
                                    succeeded,
                                    total - succeeded,
                                    rs.getDouble(4),
                                    rs.getLong(5)));
                });
        List<HourlyAttempts> series = new ArrayList<>(hours);
        for (int hour = 0; hour < hours; hour++) {
            series.add(byHour.getOrDefault(hour, new HourlyAttempts(from + hour * HOUR_MILLIS, 0, 0, null, null)));
        }
        return series;
    }

    /** How many of the endpoint's deliveries are in each state; every state is present. */
    public Map<DeliveryStatus, Long> countsByStatus(String accountId, ApiKeyMode mode, String endpointId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM deliveries WHERE account_id = ? AND mode = ? AND endpoint_id = ?"
                        + " GROUP BY status")
                .params(accountId, mode.wire(), endpointId)
                .query(rs -> {
                    DeliveryStatus status = DeliveryStatus.fromWireName(rs.getString(1));
                    if (status != null) {
                        counts.put(status, rs.getLong(2));
                    }
                });
        return counts;
    }
}
