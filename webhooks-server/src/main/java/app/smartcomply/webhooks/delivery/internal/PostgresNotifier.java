package app.smartcomply.webhooks.delivery.internal;

import java.util.UUID;
import java.util.concurrent.Semaphore;
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
  private final Semaphore requested = new Semaphore(0);
  private volatile boolean running;
  private Thread sender;

  PostgresNotifier(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What this node's notifications carry as their payload. */
  String senderId() {
    return senderId;
  }

  /** Asks for a notification to be sent soon. Returns at once; repeated asks coalesce. */
  void request() {
    if (requested.availablePermits() == 0) {
      requested.release();
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    sender = Thread.ofPlatform().name("postgres-notifier").daemon().start(this::sendLoop);
  }

  /** Stops after sending any notification still requested (leases given back on shutdown). */
  @Override
  public void stop() {
    Thread thread;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      thread = sender;
    }
    requested.release();
    try {
      thread.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the delivery engine (higher phases stop first), so its last hand-back is announced. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 100;
  }

  private void sendLoop() {
    while (true) {
      try {
        requested.acquire();
      } catch (InterruptedException e) {
        return;
      }
      requested.drainPermits();
      // One notification for everything requested so far; on stop, a last one for what the
      // engine gave back while stopping.
      send();
      if (!running) {
        return;
      }
    }
  }

  private void send() {
    try {
      jdbc.sql("NOTIFY " + CHANNEL + ", '" + senderId + "'").update();
    } catch (RuntimeException e) {
      log.debug("Could not notify the other nodes ({}); they will find the work at their next poll", e.getMessage());
    }
  }
}
