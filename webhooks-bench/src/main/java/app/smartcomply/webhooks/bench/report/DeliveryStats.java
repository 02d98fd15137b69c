package app.smartcomply.webhooks.bench.report;

import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Publishes joined with arrivals: for every (event, endpoint) pair that arrived, the first arrival
 * minus the start of the publish request that created the event. Later arrivals of the same pair
 * are duplicates (at-least-once at work); arrivals of events this run did not publish are ignored.
 *
 * @param deliveries distinct (event, endpoint) pairs received
 * @param duplicates arrivals beyond the first of a pair
 * @param firstPublishNanos start of the earliest publish
 * @param lastArrivalNanos the last first-arrival
 * @param latency publish→receipt
 */
public record DeliveryStats(
        long deliveries,
        long duplicates,
        long firstPublishNanos,
        long firstArrivalNanos,
        long lastArrivalNanos,
        Percentiles latency,
        long[] sortedLatencyNanos) {

    /** Deliveries per second from the first publish to the last arrival. */
    public double deliveriesPerSecond() {
        return deliveries / Math.max(1e-9, (lastArrivalNanos - firstPublishNanos) / 1e9);
    }

    /** Seconds from the first publish to the last arrival. */
    public double spanSeconds() {
        return (lastArrivalNanos - firstPublishNanos) / 1e9;
    }

    public static DeliveryStats of(TripleLog published, TripleLog arrivals, IntPredicate endpoints) {
        Map<Long, Long> startByEvent = new HashMap<>((int) (published.size() * 1.5) + 16);
        long firstPublish = Long.MAX_VALUE;
        for (long row = 0; row < published.size(); row++) {
            long key = published.key(row);
            if (key != 0) {
                startByEvent.put(key, published.a(row));
                firstPublish = Math.min(firstPublish, published.a(row));
            }
        }
        Set<Long> seen = new HashSet<>();
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, arrivals.size())];
        int count = 0;
        long duplicates = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        for (long row = 0; row < arrivals.size(); row++) {
            long key = arrivals.key(row);
            int endpoint = (int) arrivals.a(row);
            long at = arrivals.b(row);
            Long start = startByEvent.get(key);
            if (key == 0 || start == null || !endpoints.test(endpoint)) {
                continue;
            }
            if (!seen.add(key * 31 + endpoint * 0x9E3779B97F4A7C15L)) {
                duplicates++;
                continue;
            }
            latencies[count++] = at - start;
            firstArrival = Math.min(firstArrival, at);
            lastArrival = Math.max(lastArrival, at);
        }
        Percentiles percentiles = Percentiles.of(latencies, count);
        long[] sorted = java.util.Arrays.copyOf(latencies, count);
        if (firstPublish == Long.MAX_VALUE) {
            firstPublish = 0;
        }
        return new DeliveryStats(
                count,
                duplicates,
                firstPublish,
                count == 0 ? firstPublish : firstArrival,
                count == 0 ? firstPublish : lastArrival,
                percentiles,
                sorted);
    }

    /** Arrivals (first of each pair) of one endpoint set regardless of what published them: for seeded backlogs. */
    public static long[] arrivalSpan(TripleLog arrivals) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long row = 0; row < arrivals.size(); row++) {
            long at = arrivals.b(row);
            if (at != 0) {
                first = Math.min(first, at);
                last = Math.max(last, at);
            }
        }
        return new long[] {first, last};
    }
}
