package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.background.BackgroundLoop;
import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.signature.SigningSecret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The delivery loop of one node: claim due deliveries, attempt each on its own virtual thread,
 * record the outcome.
 *
 * <p>One dispatcher thread claims; it only claims as many deliveries as it has free slots, so
 * every lease it takes is being worked on at once and none waits in memory while its lease runs
 * down. Two limits keep endpoints from hurting each other: {@code maxInFlight} for the node, and
 * {@code maxInFlightPerEndpoint} — a claim takes no more of an endpoint's deliveries than it has
 * free slots, and an endpoint at its limit is left out of the claim, so a slow or dead endpoint
 * can only ever hold its own slots. An endpoint that fails every attempt is paused ({@link
 * EndpointPauses}): its deliveries wait out the pause instead of being attempted, so a dead
 * receiver costs next to nothing however many events it is sent.
 *
 * <p>Attempts' virtual threads never run SQLite code themselves: the dispatcher (a platform
 * thread) claims and reads the batch's signing secrets, and each attempt's record is written by
 * the attempt recorder and the store's group committer on their own platform threads while the
 * virtual thread parks. A JDBC driver that blocks in native code (SQLite waiting for the write lock)
 * would pin the carrier of a virtual thread; with a few of those waiting for a lock that another
 * virtual thread holds mid-transaction, no carrier would be left to let the holder finish.
 *
 * <p>New deliveries mostly skip the claim: a publish reserves room here for each of its deliveries
 * and inserts those leased to this node, then, once committed, hands them over to be started with
 * no query but their secrets ({@link DirectDispatch}, {@link HandOffStarter}). Claims are for what
 * is left: deliveries that found no room, retries coming due, leases that ran out.
 *
 * <p>Stopping (graceful shutdown) stops claiming, lets the attempts in flight finish within the
 * send timeout, and gives back any lease still held.
 */
public final class DeliveryEngine implements SmartLifecycle, DirectDispatch {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final AttemptPlanner planner;
    private final AttemptRecorder recorder;
    private final EndpointsForDelivery endpoints;
    private final DeliveryMetrics metrics;
    private final DispatchSignal signal;
    private final Clock clock;
    private final DeliveryProperties properties;
    private final EndpointRoom endpointRoom;
    private final EndpointRates rates;
    private final ParkedDeliveries parked;
    private final String nodeId;
    private final Runnable beforeStart;

    private final NodeSlots slots;
    /** One claim at a time: the dispatcher's, or a test's ({@link #runDueAndAwaitRecorded}). */
    private final ReentrantLock claiming = new ReentrantLock();

    private final HandOffStarter handOffs;
    private volatile boolean running;
    private BackgroundLoop dispatcher;
    private ExecutorService workers;

    DeliveryEngine(
            DeliveryQueue queue,
            WebhookSender sender,
            AttemptPlanner planner,
            AttemptRecorder recorder,
            EndpointsForDelivery endpoints,
            DeliveryMetrics metrics,
            DispatchSignal signal,
            Clock clock,
            DeliveryProperties properties,
            EndpointRates rates,
            String nodeId,
            Runnable beforeStart) {
        this.rates = rates;
        this.queue = queue;
        this.sender = sender;
        this.planner = planner;
        this.recorder = recorder;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.signal = signal;
        this.clock = clock;
        this.properties = properties;
        this.nodeId = nodeId;
        this.beforeStart = beforeStart;
        this.slots = new NodeSlots(properties.maxInFlight());
        this.handOffs = new HandOffStarter(endpoints, clock, properties, metrics, this, this::startHandedOff);
        this.endpointRoom = new EndpointRoom(
                properties.maxInFlightPerEndpoint(),
                properties.timeout(),
                new EndpointPauses(properties.pauseAfterFailures(), properties.firstPause(), properties.maxPause()));
        // The workers are made at each start: the releases run on whichever are current.
        this.parked = new ParkedDeliveries(queue, endpointRoom, signal, clock, task -> workers.execute(task));
        metrics.trackInFlight(this::inFlight);
    }

    /** This node's name in leases. */
    public String nodeId() {
        return nodeId;
    }

    /** Attempts in flight on this node right now. */
    public int inFlight() {
        return properties.maxInFlight() - slots.availablePermits();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        beforeStart.run();
        workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("delivery-", 0).factory());
        running = true;
        // The store unreachable or refusing: the node stays alive and claims again a poll later.
        dispatcher = BackgroundLoop.platform("delivery-dispatcher")
                .wokenBy(signal.wakeUp(), properties.pollInterval())
                .failures("Claiming deliveries", properties.pollInterval(), metrics::claimFailed)
                .build(this::claimOnce)
                .start();
        unreserveAll(handOffs.start());
        log.info("Delivery engine started as node {}", nodeId);
    }

    @Override
    public void stop() {
        BackgroundLoop loop;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            loop = dispatcher;
        }
        loop.stop(Duration.ofSeconds(5));
        try {
            unreserveAll(handOffs.stop()); // their leases are given back with all the others below
            workers.shutdown();
            Duration grace = properties.timeout().plusSeconds(5);
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Attempts still in flight after {}; their leases will expire and other nodes retry them",
                        grace);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        try {
            int released = queue.releaseAll(nodeId);
            if (released > 0) {
                signal.workAdded(); // let the other nodes take them now, not at their next poll
            }
            log.info("Delivery engine stopped; {} lease(s) given back", released);
        } catch (RuntimeException e) {
            log.warn("Could not give back leases on stop ({}); they will expire", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean reserve(String endpointId) {
        long now = clock.millis();
        // A rate-limited endpoint's deliveries go through the claim, which counts its sends.
        if (!running
                || rates.limited(endpointId)
                || endpointRoom.pausedUntil(endpointId, now) > 0
                || !slots.tryAcquire()) {
            return false;
        }
        if (!endpointRoom.tryTake(endpointId, now)) {
            slots.release();
            return false;
        }
        return true;
    }

    @Override
    public Wait waitOfNew(String endpointId, String deliveryId, long now) {
        return endpointRoom.waitOfNewDelivery(endpointId, deliveryId, now);
    }

    @Override
    public void parkedCommitted(Collection<String> endpointIds) {
        parked.releaseOfRecovered(endpointIds);
    }

    @Override
    public void unreserve(String endpointId) {
        endpointRoom.giveBack(endpointId);
        slots.release();
        signal.fire(); // the room may be wanted by deliveries waiting in the store
    }

    @Override
    public void resume(String endpointId) {
        if (endpointRoom.resume(endpointId)) {
            parked.release(endpointId);
        }
        signal.workAdded(List.of(endpointId)); // its deliveries may wait behind a remembered empty read
    }

    @Override
    public String owner() {
        return nodeId;
    }

    @Override
    public long leaseExpiresAt(long now) {
        return now + properties.leaseDuration().toMillis();
    }

    @Override
    public void startCommitted(List<ClaimedDelivery> deliveries) {
        if (!running) {
            unreserveAll(deliveries); // their leases are given back by stop(), or run out
            return;
        }
        handOffs.add(deliveries);
    }

    /** Starts one handed-off delivery, which already holds its slots. */
    private void startHandedOff(ClaimedDelivery delivery, List<SigningSecret> secrets) {
        try {
            workers.execute(() -> attempt(delivery, secrets));
            metrics.startedFromHandOff(1);
        } catch (RejectedExecutionException stopping) {
            unreserveAll(List.of(delivery)); // the engine stopped meanwhile; its lease is given back or runs out
        }
    }

    private void unreserveAll(List<ClaimedDelivery> deliveries) {
        for (ClaimedDelivery delivery : deliveries) {
            endpointRoom.giveBack(delivery.endpointId());
            slots.release();
        }
    }

    /**
     * For tests (the test kit's {@code ManualEngine}): claims and starts what is due now, on the
     * calling thread — after any claim the dispatcher is running has started its attempts — then
     * waits until every attempt in flight, handed-off ones included, is recorded.
     *
     * @return false if attempts were still in flight after {@code max}
     */
    public boolean runDueAndAwaitRecorded(Duration max) throws InterruptedException {
        claimOnce();
        return slots.awaitAllFree(max);
    }

    private boolean claimOnce() {
        claiming.lock();
        try {
            return dispatchOnce();
        } finally {
            claiming.unlock();
        }
    }

    /** Claims and starts one batch. @return true if the batch was full, so more may be due. */
    private boolean dispatchOnce() {
        int free = slots.availablePermits();
        if (free == 0) {
            return false;
        }
        int limit = Math.min(free, properties.claimBatchSize());
        long now = clock.millis();
        ClaimRoom room = rates.limit(endpointRoom.claimRoom(now), now);
        Claim claim = queue.claim(nodeId, now, leaseExpiresAt(now), limit, room);
        if (claim.setAside() > 0) {
            // An endpoint may have come back while this claim parked its deliveries, after its own
            // release ran: release again what it parked.
            parked.releaseOfRecovered(room.paused().keySet());
        }
        // Secrets: once per batch, fresh as the claim, before room is taken (a failed read then holds only leases).
        Map<String, List<SigningSecret>> secrets = claim.leased().isEmpty()
                ? Map.of()
                : endpoints.signingSecrets(claim.leased().stream()
                        .map(ClaimedDelivery::endpointId)
                        .distinct()
                        .toList());
        List<ClaimedDelivery> toStart = new ArrayList<>();
        List<String> giveBack = new ArrayList<>();
        Map<Long, List<String>> deferUntil = new HashMap<>();
        for (ClaimedDelivery delivery : claim.leased()) {
            // Paused since the claim room was taken (a pause began meanwhile): deferred, not attempted.
            long pausedUntil = endpointRoom.pausedUntil(delivery.endpointId(), now);
            if (pausedUntil > 0) {
                deferUntil
                        .computeIfAbsent(pausedUntil, until -> new ArrayList<>())
                        .add(delivery.id());
            } else if (running && endpointRoom.tryTake(delivery.endpointId(), now)) {
                toStart.add(delivery);
            } else {
                giveBack.add(delivery.id());
            }
        }
        for (ClaimedDelivery delivery : toStart) {
            slots.acquireUninterruptibly();
            List<SigningSecret> signing = secrets.getOrDefault(delivery.endpointId(), List.of());
            workers.execute(() -> attempt(delivery, signing));
        }
        queue.release(giveBack, nodeId);
        deferUntil.forEach((until, ids) -> queue.defer(ids, nodeId, until));
        metrics.startedFromClaim(toStart.size());
        return claim.taken() == limit && giveBack.isEmpty();
    }

    /**
     * One attempt on its own virtual thread. The endpoint's slot is given back as soon as the
     * receiver has answered — the cap is on requests to the receiver, and holding it through our
     * own commit would make a fast receiver's throughput wait on the store's fsync. The node's slot
     * is held until the outcome is written, so the work in memory stays bounded.
     */
    private void attempt(ClaimedDelivery delivery, List<SigningSecret> secrets) {
        try {
            AttemptResult result;
            long throttledUntil;
            try {
                rates.awaitTurn(delivery.endpointId()); // a rate-limited endpoint's send keeps to its limit
                result = sender.send(delivery, secrets);
                // A 429 of a rate-limited endpoint slows it down; it is no failure to pause the endpoint for.
                throttledUntil = rates.throttled(delivery.endpointId(), result, clock.millis());
                EndpointRoom.AfterAttempt after = throttledUntil > 0
                        ? EndpointRoom.AfterAttempt.NOTHING
                        : endpointRoom.attempted(delivery.endpointId(), result.succeeded(), clock.millis());
                if (after.recovered()) {
                    parked.release(delivery.endpointId());
                } else if (after.pauseBegan() != null && after.pauseBegan().parkedDelivery() != null) {
                    parked.keepForProbe(
                            delivery.endpointId(),
                            after.pauseBegan().parkedDelivery(),
                            after.pauseBegan().pausedUntil());
                }
            } finally {
                // Only once the endpoint has fallen to half its cap: a busy endpoint is then topped up
                // many deliveries per claim, instead of one claim, one read of secrets and one commit per
                // attempt — which under load cost the dispatcher and the store's writer more than the
                // attempts themselves. An endpoint below the mark has had all its due work claimed
                // already; new work wakes the dispatcher by itself, and the poll is the backstop for
                // retries coming due.
                if (endpointRoom.giveBack(delivery.endpointId())) {
                    signal.fire();
                }
            }
            NextStep next = planner.plan(result, delivery, throttledUntil, clock.millis());
            recorder.recordWithRetries(
                    delivery, nodeId, result, next, properties.leaseDuration().minus(properties.timeout()));
            metrics.attempted(result, next);
        } catch (RuntimeException e) {
            // Not recorded: the lease runs out and the delivery is attempted again. At least once.
            log.error("Attempt of delivery {} could not be completed: {}", delivery.id(), e.toString());
        } finally {
            boolean nodeWasFull = slots.availablePermits() == 0;
            slots.release();
            if (nodeWasFull) {
                signal.fire(); // work may have waited for a slot of the node's own
            }
        }
    }
}
