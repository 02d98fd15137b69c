package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.background.BackgroundLoop;
import app.smartcomply.webhooks.background.WakeUp;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells every node that new work was committed: {@code NOTIFY} on {@link #CHANNEL}, which each
 * node's {@link PostgresListener} turns into a wake-up of its dispatcher.
 *
 * <p>The notification is sent by one background thread, after the publishing transaction has
 * committed, in a transaction of its own. Requests coalesce: however many publishes commit while
 * a {@code NOTIFY} is on its way, they cause one more, not one each. Two reasons: a publish's
 * response never waits for it, and the publishing transactions never take the lock PostgreSQL
 * holds on its notification queue while a notifying transaction commits — which would serialise
 * their commits and defeat group commit under load.
 *
 * <p>A notification that cannot be sent (database unreachable) is dropped: the poll interval is
 * the backstop, and nothing was lost — the work is in the table.
 */
final class PostgresNotifier implements SmartLifecycle {

    /**
     * The channel every node listens on: "look for due work". The payload names the sending node
     * ({@link #senderId}), so that a node can tell its own announcements — which it hears too — from
     * other nodes'.
     */
    static final String CHANNEL = "webhooks_work";

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifier.class);

    private final JdbcClient jdbc;
    /** A random UUID: only hex digits and dashes, so it can stand in the statement as a literal. */
    private final String senderId = UUID.randomUUID().toString();

    private final AtomicBoolean requested = new AtomicBoolean();
    private final WakeUp wakeUp = new WakeUp();
    private volatile BackgroundLoop sender;

    PostgresNotifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What this node's notifications carry as their payload. */
    String senderId() {
        return senderId;
    }

    /** Asks for a notification to be sent soon. Returns at once; repeated asks coalesce. */
    void request() {
        requested.set(true);
        wakeUp.fire();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        // The wait is bounded only as a safety net: a turn sends only what was requested. On stop, a
        // last turn sends what the engine gave back while stopping.
        sender = BackgroundLoop.platform("postgres-notifier")
                .wokenBy(wakeUp, Duration.ofMinutes(1))
                .lastTurnOnStop()
                .build(this::sendRequested)
                .start();
    }

    /** Stops after sending any notification still requested (leases given back on shutdown). */
    @Override
    public void stop() {
        BackgroundLoop loop;
        synchronized (this) {
            if (!isRunning()) {
                return;
            }
            loop = sender;
        }
        loop.stop(Duration.ofSeconds(3));
    }

    @Override
    public boolean isRunning() {
        BackgroundLoop loop = sender;
        return loop != null && loop.isRunning();
    }

    /** Stops after the delivery engine (higher phases stop first), so its last hand-back is announced. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 100;
    }

    /** One notification for everything requested so far, if anything was. */
    private boolean sendRequested() {
        if (requested.getAndSet(false)) {
            send();
        }
        return false;
    }

    private void send() {
        try {
            jdbc.sql("NOTIFY " + CHANNEL + ", '" + senderId + "'").update();
        } catch (RuntimeException e) {
            log.debug(
                    "Could not notify the other nodes ({}); they will find the work at their next poll",
                    e.getMessage());
        }
    }
}
