package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link DeliveryQueue} on either engine; the claim statement comes from the {@link Dialect}. */
final class JdbcDeliveryQueue implements DeliveryQueue {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;
  private final GroupCommitter commits;
  private final Dialect dialect;
  private final PrefixedIds ids;
  private final Clock clock;

  /**
   * A given-back lease makes its delivery due at once again: a lease had moved the delivery's due
   * time to the lease's expiry (see {@link Dialect#leaseDeliveriesSql}).
   */
  private static final String GIVE_BACK = "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL,"
      + " next_attempt_at = CASE WHEN status = 'pending' THEN :now ELSE next_attempt_at END";

  JdbcDeliveryQueue(
      JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, GroupCommitter commits, Dialect dialect,
      PrefixedIds ids, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = tx;
    this.commits = commits;
    this.dialect = dialect;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Two steps. A plain read picks the candidates — the oldest due deliveries of endpoints with
   * room, at most their room each — and takes no lock, so on SQLite it runs beside the writer.
   * Then one statement leases exactly those, each only if it is still free (another node may have
   * taken it since the read; on PostgreSQL rows another claimer holds are skipped, not waited
   * for). Only rows about to be attempted are ever written.
   */
  @Override
  public List<ClaimedDelivery> claimDue(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room) {
    List<String> candidates = candidates(now, limit, room);
    if (candidates.isEmpty()) {
      return List.of();
    }
    // Through the group committer: on SQLite every hot-path write then goes through one writer and
    // never waits in SQLite's sleep-and-retry busy handler for the write lock.
    return commits.execute(() -> {
      List<String> leased = jdbc.sql(dialect.leaseDeliveriesSql())
          .param("owner", owner)
          .param("leaseExpiresAt", leaseExpiresAt)
          .param("now", now)
          .param("ids", candidates)
          .query(String.class)
          .list();
      if (leased.isEmpty()) {
        return List.of();
      }
      return jdbc.sql("""
              SELECT d.id, d.account_id, d.event_id, d.event_type, d.endpoint_id, e.url,
                     d.attempt_count, ev.payload
                FROM deliveries d
                JOIN endpoints e ON e.id = d.endpoint_id
                JOIN events ev ON ev.id = d.event_id
               WHERE d.id IN (:ids)
               ORDER BY d.next_attempt_at""")
          .param("ids", leased)
          .query((rs, n) -> new ClaimedDelivery(
              rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getInt(7), rs.getBytes(8)))
          .list();
    });
  }

  /** Fewest and most due rows one claim looks at in its first read. */
  private static final int MIN_WINDOW = 64;
  private static final int MAX_WINDOW = 1_000;
  /** Widest window read when the narrower ones held nothing to take. */
  private static final int MAX_WIDENED_WINDOW = 16_000;

  /**
   * The oldest due, unleased deliveries of active endpoints with room, at most their room each.
   *
   * <p>One bounded read: the oldest due rows, a window of a few times {@code limit}, whatever
   * their endpoint; the picking happens here. Bounded, because "the oldest due rows of endpoints
   * not in this list" is an unbounded scan in SQL when the head of the queue belongs to the
   * excluded ones — with a million-row backlog behind a few busy endpoints each claim read it
   * all. Fair, because an endpoint whose room is used up no longer hides the endpoints behind it:
   * a failing endpoint's backlog of due retries cannot keep another endpoint's delivery waiting.
   *
   * <p>A window with nothing to take (the head of the queue is the backlog of endpoints at their
   * cap) is widened, up to {@value #MAX_WIDENED_WINDOW} rows. If even that held nothing and some
   * of it belonged to disabled endpoints (whose pending deliveries wait, due, for the endpoint to
   * come back), the claim falls back to the unbounded query that skips them in SQL: slower, but
   * such rows can never block the queue. Busy endpoints' rows are not worth that scan: they are
   * taken as those endpoints free up.
   */
  private List<String> candidates(long now, int limit, ClaimRoom room) {
    Picker picker = new Picker(limit, room);
    boolean inactiveSeen = false;
    // Widen the window while it holds nothing to take: the head of the queue may be the backlog
    // of endpoints that are busy (at their cap) or switched off.
    for (int window = Math.clamp(4L * limit, MIN_WINDOW, MAX_WINDOW); ; window *= 4) {
      List<Due> head = oldestDue(now, window);
      for (Due due : head) {
        inactiveSeen |= !due.active();
        picker.offer(due);
      }
      boolean sawEverythingDue = head.size() < window;
      if (!picker.picked().isEmpty() || sawEverythingDue) {
        return picker.picked();
      }
      if (window >= MAX_WIDENED_WINDOW) {
        break;
      }
    }
    if (inactiveSeen) {
      for (Due due : dueOfActiveEndpoints(now, limit, picker.exhausted())) {
        picker.offer(due);
      }
    }
    return picker.picked();
  }

  /** The {@code window} oldest due rows, whoever they belong to, with what picking needs. */
  private List<Due> oldestDue(long now, int window) {
    return jdbc.sql("""
            SELECT d.id, d.endpoint_id, d.lease_expires_at, e.status
              FROM (SELECT id, endpoint_id, lease_expires_at, next_attempt_at FROM deliveries
                     WHERE status = 'pending' AND next_attempt_at <= :now
                     ORDER BY next_attempt_at
                     LIMIT :window) d
              JOIN endpoints e ON e.id = d.endpoint_id
             ORDER BY d.next_attempt_at""")
        .param("now", now)
        .param("window", window)
        .query((rs, n) -> {
          long lease = rs.getLong(3);
          boolean leased = !rs.wasNull() && lease >= now;
          return new Due(rs.getString(1), rs.getString(2), leased, "active".equals(rs.getString(4)));
        })
        .list();
  }

  private record Due(String id, String endpointId, boolean leased, boolean active) {}

  /** Takes due rows in order, at most each endpoint's room and {@code limit} in all. */
  private static final class Picker {
    private final int limit;
    private final ClaimRoom room;
    private final Map<String, Integer> taken = new HashMap<>();
    private final Set<String> exhausted;
    private final List<String> picked = new ArrayList<>();

    Picker(int limit, ClaimRoom room) {
      this.limit = limit;
      this.room = room;
      this.exhausted = new HashSet<>(room.full());
    }

    void offer(Due due) {
      if (picked.size() >= limit || due.leased() || !due.active() || exhausted.contains(due.endpointId())) {
        return;
      }
      int already = taken.merge(due.endpointId(), 1, Integer::sum);
      picked.add(due.id());
      if (already >= room.roomFor().applyAsInt(due.endpointId())) {
        exhausted.add(due.endpointId());
      }
    }

    List<String> picked() {
      return picked;
    }

    Set<String> exhausted() {
      return exhausted;
    }
  }

  /** The unbounded form: the oldest due rows of active endpoints not listed, skipped in SQL. */
  private List<Due> dueOfActiveEndpoints(long now, int limit, Set<String> excluded) {
    String notIn = excluded.isEmpty() ? "" : " AND d.endpoint_id NOT IN (:excluded)";
    var query = jdbc.sql("""
            SELECT d.id, d.endpoint_id FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
             WHERE d.status = 'pending' AND d.next_attempt_at <= :now
               AND (d.lease_expires_at IS NULL OR d.lease_expires_at < :now)
               AND e.status = 'active'""" + notIn + """

             ORDER BY d.next_attempt_at
             LIMIT :limit""")
        .param("now", now)
        .param("limit", limit);
    if (!excluded.isEmpty()) {
      query = query.param("excluded", List.copyOf(excluded));
    }
    return query.query((rs, n) -> new Due(rs.getString(1), rs.getString(2), false, true)).list();
  }

  @Override
  public void release(Collection<String> deliveryIds, String owner) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    commits.execute(() -> jdbc.sql(GIVE_BACK + " WHERE id IN (:ids) AND lease_owner = :owner")
        .param("ids", List.copyOf(deliveryIds))
        .param("owner", owner)
        .param("now", clock.millis())
        .update());
  }

  @Override
  public int releaseAll(String owner) {
    return jdbc.sql(GIVE_BACK + " WHERE lease_owner = :owner")
        .param("owner", owner)
        .param("now", clock.millis())
        .update();
  }

  /** Releases every lease of every owner: for a single-node store at start-up, where any lease is stale. */
  int releaseEveryLease() {
    return jdbc.sql(GIVE_BACK + " WHERE lease_owner IS NOT NULL")
        .param("now", clock.millis())
        .update();
  }

  @Override
  public boolean resolve(ClaimedDelivery delivery, String owner, AttemptResult attempt, NextStep next, long now) {
    return resolveAll(List.of(new AttemptOutcome(delivery, owner, attempt, next)), now).getFirst();
  }

  /**
   * Two JDBC batches — the attempt rows, then the delivery updates — in one transaction: a few
   * round trips and one commit for the whole group. Deliveries are updated in id order, so two
   * groups that ever met on the same rows would lock them in the same order.
   */
  @Override
  public List<Boolean> resolveAll(List<AttemptOutcome> outcomes, long now) {
    if (outcomes.isEmpty()) {
      return List.of();
    }
    List<AttemptOutcome> inIdOrder = outcomes.stream()
        .sorted(java.util.Comparator.comparing((AttemptOutcome o) -> o.delivery().id()))
        .toList();
    String[] attemptIds = new String[inIdOrder.size()];
    for (int i = 0; i < attemptIds.length; i++) {
      attemptIds[i] = ids.next("wha_");
    }
    // Values are bound straight onto the statements (BatchPreparedStatementSetter): Spring's
    // per-value type resolution was a noticeable share of the store's single writer on SQLite.
    int[] changed = tx.execute(status -> {
      batch.batchUpdate("""
              INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,
                                    request_headers, response_status, response_headers, response_body,
                                    response_body_truncated, error)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
          new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
              AttemptOutcome o = inIdOrder.get(i);
              ClaimedDelivery d = o.delivery();
              AttemptResult a = o.result();
              ps.setString(1, attemptIds[i]);
              ps.setString(2, d.id());
              ps.setInt(3, d.attemptNumber());
              ps.setLong(4, a.startedAt());
              ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, a.durationMs()));
              ps.setString(6, d.url());
              ps.setString(7, o.requestHeadersJson());
              ps.setObject(8, a.status(), Types.INTEGER);
              ps.setString(9, o.responseHeadersJson());
              ps.setBytes(10, a.responseBody());
              ps.setInt(11, a.responseBodyTruncated() ? 1 : 0);
              ps.setString(12, a.error());
            }

            @Override
            public int getBatchSize() {
              return inIdOrder.size();
            }
          });
      return batch.batchUpdate("""
              UPDATE deliveries
                 SET status = ?, attempt_count = ?, next_attempt_at = ?, lease_owner = NULL,
                     lease_expires_at = NULL, last_status = ?, last_error = ?, last_attempt_at = ?,
                     updated_at = ?
               WHERE id = ? AND lease_owner = ? AND status = 'pending'""",
          new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
              AttemptOutcome o = inIdOrder.get(i);
              ps.setString(1, o.next().status().wireName());
              ps.setInt(2, o.delivery().attemptNumber());
              ps.setObject(3, o.next().nextAttemptAt(), Types.BIGINT);
              ps.setObject(4, o.result().status(), Types.INTEGER);
              ps.setString(5, o.result().error());
              ps.setLong(6, o.result().startedAt());
              ps.setLong(7, now);
              ps.setString(8, o.delivery().id());
              ps.setString(9, o.owner());
            }

            @Override
            public int getBatchSize() {
              return inIdOrder.size();
            }
          });
    });
    Map<String, Boolean> byId = new java.util.HashMap<>();
    for (int i = 0; i < inIdOrder.size(); i++) {
      byId.put(inIdOrder.get(i).delivery().id(), changed[i] == 1);
    }
    return outcomes.stream().map(o -> byId.get(o.delivery().id())).toList();
  }

  /** Pending deliveries and the age of the most overdue one, for the metrics. */
  QueueStats stats(long now) {
    Map<String, Object> row = jdbc.sql(
            "SELECT COUNT(*) AS depth, MIN(next_attempt_at) AS oldest FROM deliveries"
                + " WHERE status = 'pending' AND next_attempt_at <= ?")
        .param(now)
        .query()
        .singleRow();
    long depth = ((Number) row.get("depth")).longValue();
    Number oldest = (Number) row.get("oldest");
    return new QueueStats(depth, oldest == null ? 0 : Math.max(0, now - oldest.longValue()));
  }

  /** Due deliveries waiting, and how long the oldest of them has waited (ms). */
  record QueueStats(long dueDepth, long oldestDueAgeMs) {}
}
