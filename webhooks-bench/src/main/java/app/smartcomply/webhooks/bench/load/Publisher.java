package app.smartcomply.webhooks.bench.load;

import app.smartcomply.webhooks.bench.sink.EventKeys;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Publishes {@code test.submitted} events through the API and books, per accepted event, (event
 * key, request start nanos, request end nanos) — the start is what publish→receipt latency is
 * measured from.
 */
public final class Publisher {

    /** What the publishing phase did. */
    public record Outcome(
            long attempted,
            long accepted,
            long rejected,
            long failed,
            long skipped,
            long firstStartNanos,
            long lastEndNanos,
            java.util.Map<String, Long> errors) {

        public double seconds() {
            return (lastEndNanos - firstStartNanos) / 1e9;
        }

        public double acceptedPerSecond() {
            return accepted / Math.max(1e-9, seconds());
        }
    }

    private final ServiceApi api;
    private final ServiceApi.Account account;
    private final TripleLog published = new TripleLog();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Long> errors = new ConcurrentHashMap<>();
    private final AtomicLong lastEnd = new AtomicLong();

    public Publisher(ServiceApi api, ServiceApi.Account account) {
        this.api = api;
        this.account = account;
    }

    /** (event key, start nanos, end nanos) of every accepted publish. */
    public TripleLog published() {
        return published;
    }

    public long accepted() {
        return accepted.get();
    }

    /** Closed loop: {@code events} publishes by {@code concurrency} threads, each as fast as answers come. */
    public Outcome closedLoop(long events, int concurrency) {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().name("publisher-" + t).start(() -> {
                while (next.getAndIncrement() < events) {
                    publishOne();
                }
            }));
        }
        joinAll(threads);
        return outcome(events, 0, start);
    }

    /**
     * Open loop: one publish every {@code 1/rate} s for {@code duration}, each on its own thread so a
     * slow answer never delays the next send. If {@code maxOutstanding} publishes are already waiting,
     * the tick is skipped and counted (the service is not keeping up).
     */
    public Outcome openLoop(double rate, Duration duration, int maxOutstanding) {
        return openLoop(rate, duration, duration, () -> true, maxOutstanding);
    }

    /**
     * {@link #openLoop(double, Duration, int)} for at least {@code min}, then on until {@code
     * enough} says so — asked once per second of publishing, on the publishing thread — or until
     * {@code max}.
     */
    public Outcome openLoop(double rate, Duration min, Duration max, BooleanSupplier enough, int maxOutstanding) {
        long total = (long) (rate * max.toSeconds());
        long atLeast = (long) (rate * min.toSeconds());
        long perSecond = Math.max(1, (long) rate);
        long period = (long) (1e9 / rate);
        Semaphore outstanding = new Semaphore(maxOutstanding);
        List<Thread> threads = new ArrayList<>();
        long skipped = 0;
        long start = System.nanoTime();
        long sent = 0;
        for (; sent < total; sent++) {
            if (sent >= atLeast && sent % perSecond == 0 && enough.getAsBoolean()) {
                break;
            }
            long due = start + sent * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!outstanding.tryAcquire()) {
                skipped++;
                continue;
            }
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    publishOne();
                } finally {
                    outstanding.release();
                }
            }));
        }
        joinAll(threads);
        return outcome(sent, skipped, start);
    }

    private void publishOne() {
        long n = sequence.incrementAndGet();
        long started = System.nanoTime();
        try {
            ServiceApi.Published answer = api.publish(account, n);
            long ended = System.nanoTime();
            lastEnd.accumulateAndGet(ended, Math::max);
            if (answer.status() == 202 && answer.eventId() != null) {
                published.append(EventKeys.of(answer.eventId()), started, ended);
                accepted.incrementAndGet();
            } else {
                rejected.incrementAndGet();
                errors.merge("HTTP " + answer.status(), 1L, Long::sum);
            }
        } catch (RuntimeException e) {
            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
            failed.incrementAndGet();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            errors.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
        }
    }

    private Outcome outcome(long attempted, long skipped, long start) {
        return new Outcome(
                attempted,
                accepted.get(),
                rejected.get(),
                failed.get(),
                skipped,
                start,
                Math.max(lastEnd.get(), start + 1),
                java.util.Map.copyOf(errors));
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
