package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.background.BackgroundLoop;
import app.smartcomply.webhooks.store.PostgresConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears the other nodes: {@code LISTEN} on {@link PostgresNotifier#CHANNEL} over a connection of
 * its own (outside the pool: a listening session must stay open, and must not be handed to API
 * requests), and fires the {@link DispatchSignal} for every notification from another node — so a
 * delivery published on another node is claimed here within milliseconds, not at the next poll.
 *
 * <p>When the connection breaks (database restarted, network cut) it reconnects with exponential
 * backoff (0.25 s doubling to 10 s, with jitter), and fires the signal once it is back, since
 * notifications sent meanwhile were lost. A silent half-open connection is caught by a liveness
 * check every {@link #CHECK_EVERY}. The poll interval of the engine keeps working throughout.
 */
final class PostgresListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final int WAIT_MS = 500;

    private final PostgresConnector connector;
    private final DispatchSignal signal;
    private final String ownSenderId;
    private volatile boolean listening;
    private final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
    private volatile BackgroundLoop listener;
    private Duration backoff = FIRST_BACKOFF;
    private boolean failedBefore;

    /**
     * @param ownSenderId the payload of this node's own notifications ({@link
     *     PostgresNotifier#senderId}): hearing those wakes nothing — this node was woken when it
     *     announced the work
     */
    PostgresListener(PostgresConnector connector, DispatchSignal signal, String ownSenderId) {
        this.connector = connector;
        this.signal = signal;
        this.ownSenderId = ownSenderId;
    }

    /** True while a listening connection is established. */
    boolean isListening() {
        return listening;
    }

    /** How many times a listening session was established (1 + reconnections). */
    int sessionsEstablished() {
        return sessions.get();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        listener = BackgroundLoop.platform("postgres-listener").build(this::listenOnce);
        listener.start();
    }

    @Override
    public void stop() {
        BackgroundLoop loop;
        synchronized (this) {
            if (!isRunning()) {
                return;
            }
            loop = listener;
        }
        loop.stop(Duration.ofMillis(WAIT_MS * 4L));
        listening = false;
    }

    @Override
    public boolean isRunning() {
        BackgroundLoop loop = listener;
        return loop != null && loop.isRunning();
    }

    /** One listening session, until it breaks (then a backoff) or the listener stops. */
    private boolean listenOnce() throws InterruptedException {
        try (Connection connection = connector.openDedicated("webhooks-listener")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + PostgresNotifier.CHANNEL);
            }
            listening = true;
            sessions.incrementAndGet();
            backoff = FIRST_BACKOFF;
            if (failedBefore) {
                log.info("Listening for other nodes' work again");
                failedBefore = false;
            }
            signal.workAddedElsewhere(); // anything announced while we were not listening
            hear(connection);
        } catch (SQLException | RuntimeException e) {
            listening = false;
            if (!listener.isRunning()) {
                return false;
            }
            if (!failedBefore) {
                log.warn(
                        "Not hearing other nodes' work ({}); polling meanwhile, reconnecting with backoff",
                        e.getMessage());
                failedBefore = true;
            }
            listener.rest(backoff.plusMillis(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1)));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        listening = false;
        return true;
    }

    private boolean anyFromAnotherNode(PGNotification[] notifications) {
        for (PGNotification notification : notifications) {
            if (!ownSenderId.equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private void hear(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
        while (listener.isRunning()) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
            if (notifications != null && anyFromAnotherNode(notifications)) {
                signal.workAddedElsewhere();
            }
            if (System.nanoTime() > nextCheck) {
                if (!connection.isValid(2)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            }
        }
    }
}
