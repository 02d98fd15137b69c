package app.smartcomply.webhooks.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Many threads queue items; one {@link BackgroundLoop} thread takes everything queued at that
 * moment, at most {@code maxBatch}, and hands it to the consumer in one call. No waiting to fill a
 * batch: at low load a batch is one item, under load batches grow by themselves while the
 * consumer works on the previous one. The store's group commit is built on it.
 *
 * <p>The queue is bounded: {@link #add} waits while it is full, which slows the producers down to
 * the consumer's pace (back-pressure) instead of letting memory grow.
 *
 * <p>{@link #close} hands over what is already queued, then stops; an item added after that is
 * refused. The consumer must settle each item it is given (complete whoever waits for it); if it
 * throws, every item of that batch is refused with the exception.
 */
public final class Batcher<T> {

    private final int maxBatch;
    private final BlockingQueue<T> queue;
    private final Consumer<List<T>> consumer;
    private final BiConsumer<T, RuntimeException> refused;
    private final WakeUp wakeUp = new WakeUp();
    private final List<T> batch;
    private final BackgroundLoop loop;
    private volatile boolean open = true;
    /** See {@link #lingering}; 0 for none. Set before {@link #start}, read on the consumer's thread. */
    private long lingerNanos;
    /** See {@link #lingering}: a batch this large is handed over without waiting. */
    private int lingerUntil;
    /** When the consumer last handed a batch over, {@link System#nanoTime} (consumer's thread only). */
    private long lastBatchEnded = Long.MIN_VALUE / 2;

    /**
     * @param threadName the consumer thread's name
     * @param maxBatch most items per call of the consumer
     * @param maxQueued most items waiting; {@link #add} waits beyond that
     * @param consumer takes one batch; must not keep the list, which is reused
     * @param refused told about each item that will not be consumed, and why (never on the consumer's
     *     thread while it holds a batch)
     */
    public Batcher(
            String threadName,
            int maxBatch,
            int maxQueued,
            Consumer<List<T>> consumer,
            BiConsumer<T, RuntimeException> refused) {
        if (maxBatch < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxBatch and maxQueued must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(maxQueued);
        this.consumer = consumer;
        this.refused = refused;
        this.batch = new ArrayList<>(maxBatch);
        // The wait is bounded only as a safety net: every add fires the wake-up.
        this.loop = BackgroundLoop.platform(threadName)
                .wokenBy(wakeUp, Duration.ofSeconds(1))
                .lastTurnOnStop()
                .build(this::consumeQueued);
    }

    /**
     * Lets a small batch wait up to {@code linger} for more items, but only while items keep coming:
     * when the batch holds fewer than {@code enough} items and its first item arrived less than
     * {@code linger} after the previous batch was handed over. It waits until it holds {@code enough}
     * or the linger is over. At low load nothing waits (the first item after a quiet spell goes at
     * once); under heavy load batches are large by themselves and nothing waits either, so a busy
     * consumer is never held idle. In between, a consumer whose every call has a fixed cost (a
     * commit's fsync) is called a few times less often, each item waiting at most {@code linger}
     * longer. Call before {@link #start}.
     */
    public Batcher<T> lingering(Duration linger, int enough) {
        this.lingerNanos = linger.toNanos();
        this.lingerUntil = Math.min(enough, maxBatch);
        return this;
    }

    /** Starts the consumer thread. */
    public Batcher<T> start() {
        loop.start();
        return this;
    }

    /**
     * Queues an item, waiting while the queue is full.
     *
     * @return false if the batcher is closed: the item was not queued
     */
    public boolean add(T item) throws InterruptedException {
        if (!open) {
            return false;
        }
        queue.put(item);
        return queued(item);
    }

    /**
     * Queues an item without waiting: for a queue with room to spare (an unbounded one).
     *
     * @return false if the batcher is closed or the queue full: the item was not queued
     */
    public boolean offer(T item) {
        return open && queue.offer(item) && queued(item);
    }

    /** Wakes the consumer for an item just queued. @return false if it was taken back unconsumed */
    private boolean queued(T item) {
        wakeUp.fire();
        // Closed while this was queued, after the last drain: take it back unless it was consumed.
        return open || !queue.remove(item);
    }

    /** True if the calling thread is the consumer's. */
    public boolean isConsumerThread() {
        return loop.isLoopThread();
    }

    /**
     * Hands over what is queued, stops the thread (waiting for it at most {@code join}), and refuses
     * anything left.
     */
    public void close(Duration join) {
        open = false;
        loop.stop(join);
        IllegalStateException closed = new IllegalStateException("Shutting down");
        for (T left; (left = queue.poll()) != null; ) {
            refused.accept(left, closed);
        }
    }

    private boolean consumeQueued() {
        batch.clear();
        queue.drainTo(batch, maxBatch);
        if (batch.isEmpty()) {
            return false;
        }
        boolean interrupted = false;
        if (lingerNanos > 0 && batch.size() < lingerUntil && System.nanoTime() - lastBatchEnded < lingerNanos) {
            interrupted = !gatherFor(lingerNanos);
        }
        try {
            consumer.accept(batch);
        } catch (RuntimeException e) {
            for (T item : batch) {
                refused.accept(item, e);
            }
        } finally {
            batch.clear();
            if (lingerNanos > 0) {
                lastBatchEnded = System.nanoTime();
            }
            if (interrupted) {
                Thread.currentThread().interrupt(); // after the consumer: an interrupt can break a JDBC call
            }
        }
        return true;
    }

    /**
     * Adds items to the batch as they arrive, for at most {@code nanos} or until it holds enough.
     *
     * @return false if interrupted (what is gathered is handed over at once)
     */
    private boolean gatherFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0 && batch.size() < lingerUntil; left = deadline - System.nanoTime()) {
                T next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return true;
                }
                batch.add(next);
                queue.drainTo(batch, lingerUntil - batch.size());
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
