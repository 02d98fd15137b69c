package app.smartcomply.webhooks.delivery.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each rate-limited endpoint's limiter keeps its state, and the one operation on it: take up
 * to so many sends that may be made now. The limiter is GCRA (the generic cell rate algorithm): one
 * number per endpoint, the theoretical arrival time {@code tat} of its next request; a request may
 * go at {@code now} if {@code now >= tat - tau}, and each one moves {@code tat} on by the interval.
 * All times in microseconds since the epoch.
 *
 * <p>{@link #inMemory()} for a single node (SQLite); {@link PostgresRateBuckets} for a store several
 * nodes share, where one row per endpoint is updated atomically by whichever node sends.
 */
interface RateBuckets {

    /**
     * Takes up to {@code wanted} sends to make at once, now; 0 only raises the bucket to {@code floorUs}.
     *
     * @param floorUs the bucket's {@code tat} is raised to at least this first (a 429 asked to slow
     *     down: no send before {@code floorUs - tauUs}); 0 for none
     * @return how many may be sent, and the bucket's {@code tat} after taking them
     */
    Grant take(String endpointId, Gcra gcra, int wanted, long nowUs, long floorUs);

    /** Sends granted, and the bucket's theoretical arrival time after them. */
    record Grant(int granted, long tatUs) {

        /** When the endpoint may send again. */
        long nextSendUs(Gcra gcra) {
            return tatUs - gcra.tauUs();
        }
    }

    /**
     * The parameters of one limit.
     *
     * @param intervalUs the spacing of sends once a burst is used up
     * @param tauUs how far ahead of {@code tat} a send may go: {@code (burst - 1) * interval}
     */
    record Gcra(long intervalUs, long tauUs) {

        /** One grant computed from the bucket's {@code tat}: the same arithmetic as the SQL of {@link PostgresRateBuckets}. */
        Grant take(long tatUs, int wanted, long nowUs, long floorUs) {
            long t = Math.max(tatUs, floorUs);
            if (nowUs + tauUs < t) {
                return new Grant(0, t);
            }
            long start = Math.max(t, nowUs);
            int granted = (int) Math.min(wanted, (nowUs + tauUs - start) / intervalUs + 1);
            return granted == 0 ? new Grant(0, t) : new Grant(granted, start + granted * intervalUs);
        }
    }

    /** The buckets of a single node, in memory. */
    static RateBuckets inMemory() {
        ConcurrentHashMap<String, Long> tats = new ConcurrentHashMap<>();
        return (endpointId, gcra, wanted, nowUs, floorUs) -> {
            Grant[] grant = {null};
            tats.compute(endpointId, (id, tat) -> {
                grant[0] = gcra.take(tat == null ? 0 : tat, wanted, nowUs, floorUs);
                return grant[0].tatUs();
            });
            return grant[0];
        };
    }
}
