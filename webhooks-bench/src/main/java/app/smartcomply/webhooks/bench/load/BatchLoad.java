package app.smartcomply.webhooks.bench.load;

import app.smartcomply.webhooks.bench.sink.EventKeys;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes {@code test.submitted} events in batches ({@code POST /api/v1/events/batch}) and books,
 * per accepted event, (event key, batch request start nanos, batch request end nanos) like {@link
 * Publisher} does for single publishes: an event's publish→receipt latency runs from the start of
 * the request that carried it.
 */
public final class BatchLoad {

    private final ServiceApi api;
    private final ServiceApi.Account account;
    private final TripleLog published = new TripleLog();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong lastEnd = new AtomicLong();
    private final ConcurrentHashMap<String, Long> errors = new ConcurrentHashMap<>();
    /** Data numbers already used, so a warm-up and the measured run never send the same data. */
    private final long firstN;

    public BatchLoad(ServiceApi api, ServiceApi.Account account, long firstN) {
        this.api = api;
        this.account = account;
        this.firstN = firstN;
    }

    /** (event key, start nanos, end nanos) of every accepted event. */
    public TripleLog published() {
        return published;
    }

    /** Batch requests answered 200. */
    public long batches() {
        return batches.get();
    }

    /**
     * Closed loop: {@code events} events in requests of {@code batchSize} (the last one may be
     * smaller), sent by {@code concurrency} threads, each as fast as answers come.
     */
    public Publisher.Outcome closedLoop(long events, int batchSize, int concurrency) {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().name("batch-publisher-" + t).start(() -> {
                for (long from = next.getAndAdd(batchSize); from < events; from = next.getAndAdd(batchSize)) {
                    publishBatch(firstN + from, (int) Math.min(batchSize, events - from));
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Publisher.Outcome(
                events,
                accepted.get(),
                rejected.get(),
                failed.get(),
                0,
                start,
                Math.max(lastEnd.get(), start + 1),
                java.util.Map.copyOf(errors));
    }

    private void publishBatch(long first, int count) {
        long started = System.nanoTime();
        try {
            ServiceApi.BatchPublished answer = api.publishBatch(account, first, count);
            long ended = System.nanoTime();
            lastEnd.accumulateAndGet(ended, Math::max);
            if (answer.status() != 200) {
                rejected.addAndGet(count);
                errors.merge("HTTP " + answer.status(), 1L, Long::sum);
                return;
            }
            batches.incrementAndGet();
            for (String id : answer.eventIds()) {
                published.append(EventKeys.of(id), started, ended);
            }
            accepted.addAndGet(answer.eventIds().size());
            if (answer.eventIds().size() < count) {
                rejected.addAndGet(count - answer.eventIds().size());
                errors.merge(
                        "refused in a batch", (long) (count - answer.eventIds().size()), Long::sum);
            }
        } catch (RuntimeException e) {
            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            failed.addAndGet(count);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            errors.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
        }
    }
}
