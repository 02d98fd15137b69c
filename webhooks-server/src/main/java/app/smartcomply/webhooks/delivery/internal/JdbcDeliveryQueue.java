package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link DeliveryQueue} on either engine; the claim statement comes from the {@link Dialect}. */
final class JdbcDeliveryQueue implements DeliveryQueue {

  private final JdbcClient jdbc;
  private final DeliveryWrites writes;
  private final TransactionTemplate tx;
  private final GroupCommitter commits;
  private final Dialect dialect;
  private final PrefixedIds ids;
  private final Clock clock;
  private final DueCandidates candidates;

  /**
   * A given-back lease makes its delivery due again at {@code :dueAt}: a lease had moved the
   * delivery's due time to the lease's expiry (see {@link Dialect#leaseDeliveriesSql}).
   */
  private static final String GIVE_BACK = "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL,"
      + " next_attempt_at = CASE WHEN status = 'pending' THEN :dueAt ELSE next_attempt_at END";

  JdbcDeliveryQueue(
      JdbcClient jdbc, DeliveryWrites writes, TransactionTemplate tx, GroupCommitter commits, Dialect dialect,
      PrefixedIds ids, Clock clock) {
    this.jdbc = jdbc;
    this.writes = writes;
    this.tx = tx;
    this.commits = commits;
    this.dialect = dialect;
    this.ids = ids;
    this.clock = clock;
    this.candidates = new DueCandidates(jdbc, dialect.duePerEndpointSql().orElse(null));
  }

  /**
   * Two steps. A plain read picks the candidates ({@link DueCandidates}) — the oldest due deliveries
   * of endpoints with room, at most their room each — and takes no lock, so on SQLite it runs beside the writer.
   * Then one statement leases exactly those, each only if it is still free (another node may have
   * taken it since the read; on PostgreSQL rows another claimer holds are skipped, not waited
   * for). Only rows about to be attempted are ever written.
   */
  @Override
  public Claim claim(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room) {
    List<DueCandidates.Due> candidates = this.candidates.pick(now, limit, room);
    if (candidates.isEmpty()) {
      return Claim.NOTHING;
    }
    List<String> toLease = new ArrayList<>();
    Map<Long, List<String>> toHold = new HashMap<>();
    List<String> toPark = new ArrayList<>();
    Set<String> probeKept = new HashSet<>();
    for (DueCandidates.Due due : candidates) {
      Long heldUntil = room.held().get(due.endpointId());
      if (heldUntil == null) {
        toLease.add(due.id());
      } else if (probeKept.add(due.endpointId())) {
        // A held endpoint's oldest waits for the end of the hold, to probe the endpoint with.
        toHold.computeIfAbsent(heldUntil, later -> new ArrayList<>()).add(due.id());
      } else {
        toPark.add(due.id());
      }
    }
    // Through the group committer: on SQLite every hot-path write then goes through one writer and
    // never waits in SQLite's sleep-and-retry busy handler for the write lock.
    return commits.execute(() -> {
      int held = 0;
      for (Map.Entry<Long, List<String>> hold : toHold.entrySet()) {
        held += jdbc.sql(HOLD)
            .param("until", hold.getKey())
            .param("now", now)
            .param("ids", hold.getValue())
            .update();
      }
      if (!toPark.isEmpty()) {
        held += jdbc.sql(PARK)
            .param("until", Math.max(room.parkUntil(), now + 1))
            .param("now", now)
            .param("ids", toPark)
            .update();
      }
      return new Claim(lease(owner, now, leaseExpiresAt, toLease), held);
    });
  }

  /**
   * Makes free, due deliveries due at {@code :until} without leasing them — no attempt is used
   * up — with the lease expiry the placeholder names: none for a hold, the same time for a
   * parking. A row another claimer leased since the read is left to it.
   */
  private static final String DUE_LATER = "UPDATE deliveries SET next_attempt_at = :until, lease_owner = NULL,"
      + " lease_expires_at = %s WHERE id IN (:ids) AND status = 'pending' AND next_attempt_at <= :now"
      + " AND (lease_expires_at IS NULL OR lease_expires_at < :now)";

  /** Holds deliveries: simply due later. */
  private static final String HOLD = DUE_LATER.formatted("NULL");

  /**
   * Parks deliveries: due later, and marked as parked by a lease expiry with no owner — a state no
   * lease ever has — so that {@link #releaseParked} finds them and nothing else. To a claim a
   * parked delivery is simply not due until then, and free once that time has passed.
   */
  private static final String PARK = DUE_LATER.formatted(":until");

  private List<ClaimedDelivery> lease(String owner, long now, long leaseExpiresAt, List<String> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
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
                   d.attempt_count, ev.payload, ev.traceparent
              FROM deliveries d
              JOIN endpoints e ON e.id = d.endpoint_id
              JOIN events ev ON ev.id = d.event_id
             WHERE d.id IN (:ids)
             ORDER BY d.next_attempt_at""")
        .param("ids", leased)
        .query((rs, n) -> new ClaimedDelivery(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getInt(7), rs.getBytes(8), rs.getString(9), leaseExpiresAt))
        .list();
  }


  /**
   * Says that deliveries of these endpoints (empty: of any) were committed for the claims to find
   * — a publish, a retry, another node's work — so an empty read from before may no longer stand
   * for the next claims ({@link DueCandidates#workAdded}).
   */
  void workAdded(Collection<String> endpointIds) {
    candidates.workAdded(endpointIds);
  }

  /**
   * Parked deliveries are those {@link #PARK} (or a publish) marked: a lease expiry with no owner,
   * still ahead at {@code :now}. Ending a parking clears the mark.
   */
  private static final String PARKED =
      " status = 'pending' AND lease_owner IS NULL AND lease_expires_at > :now AND next_attempt_at > :now";

  @Override
  public int releaseParked(String endpointId, long now) {
    return commits.execute(() -> jdbc.sql("UPDATE deliveries SET next_attempt_at = :now, lease_expires_at = NULL"
            + " WHERE endpoint_id = :endpointId AND" + PARKED)
        .param("now", now)
        .param("endpointId", endpointId)
        .update());
  }

  @Override
  public void holdParked(String deliveryId, long until, long now) {
    commits.execute(() -> jdbc.sql("UPDATE deliveries SET next_attempt_at = :until, lease_expires_at = NULL"
            + " WHERE id = :id AND" + PARKED)
        .param("until", until)
        .param("id", deliveryId)
        .param("now", now)
        .update());
  }

  @Override
  public void release(Collection<String> deliveryIds, String owner) {
    defer(deliveryIds, owner, clock.millis());
  }

  @Override
  public void defer(Collection<String> deliveryIds, String owner, long dueAt) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    commits.execute(() -> jdbc.sql(GIVE_BACK + " WHERE id IN (:ids) AND lease_owner = :owner")
        .param("ids", List.copyOf(deliveryIds))
        .param("owner", owner)
        .param("dueAt", dueAt)
        .update());
  }

  @Override
  public int releaseAll(String owner) {
    return jdbc.sql(GIVE_BACK + " WHERE lease_owner = :owner")
        .param("owner", owner)
        .param("dueAt", clock.millis())
        .update();
  }

  /** Releases every lease of every owner: for a single-node store at start-up, where any lease is stale. */
  int releaseEveryLease() {
    return jdbc.sql(GIVE_BACK + " WHERE lease_owner IS NOT NULL")
        .param("dueAt", clock.millis())
        .update();
  }

  @Override
  public boolean resolve(ClaimedDelivery delivery, String owner, AttemptResult attempt, NextStep next, long now) {
    return resolveAll(List.of(new AttemptOutcome(delivery, owner, attempt, next)), now).getFirst();
  }

  /**
   * The attempt rows and the delivery updates in one transaction — a few round trips and one
   * commit for the whole group ({@link DeliveryWrites#record}).
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
    boolean[] changed = tx.execute(status -> writes.record(inIdOrder, attemptIds, now));
    Map<String, Boolean> byId = new HashMap<>();
    for (int i = 0; i < inIdOrder.size(); i++) {
      byId.put(inIdOrder.get(i).delivery().id(), changed[i]);
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
