package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a delivery stands in the engine: the {@code state} column of {@code deliveries}. The
 * customer sees only its {@link #status()}; the four states of a pending delivery are the engine's.
 *
 * <p>The columns that go with each state are fixed by CHECK constraints (the migrations {@code
 * V8__delivery_state} on SQLite, {@code V10__delivery_state} on PostgreSQL):
 *
 * <table>
 *   <tr><th>state</th><th>{@code next_attempt_at}</th><th>{@code lease_owner},
 *       {@code lease_expires_at}</th></tr>
 *   <tr><td>waiting</td><td>when it is due</td><td>none</td></tr>
 *   <tr><td>leased</td><td>the lease's expiry (or a time a retry or release set)</td><td>the node
 *       and the expiry</td></tr>
 *   <tr><td>parked</td><td>when it is due unless its endpoint recovers first</td><td>none</td></tr>
 *   <tr><td>held</td><td>none</td><td>none, or a live lease whose attempt is in flight</td></tr>
 *   <tr><td>queued</td><td>none</td><td>none</td></tr>
 *   <tr><td>succeeded, failed, cancelled</td><td>none</td><td>none</td></tr>
 * </table>
 *
 * <p>{@code queued} is a delivery of an ordered endpoint that waits behind an earlier delivery of
 * its line ({@link DeliveryLines}; migrations {@code V15__ordered_delivery} on SQLite, {@code
 * V17__ordered_delivery} on PostgreSQL): not claimable, never handed off, made due when the line's
 * head ends. Only ordered endpoints' deliveries are ever in it.
 *
 * <p>A lease that ran out is no state of its own: the row is still {@code leased}, and due again
 * because its due time is its lease's expiry. Storing "ran out" would take a write at the moment
 * nothing happens. "Kept for the probe" and "deferred" are {@code waiting} with a later due time.
 *
 * <p>Every statement that moves a delivery sets {@code state} in the same {@code UPDATE} (or
 * {@code INSERT}); they all live in {@link DeliverySql}. {@link #EDGES} lists each move and the
 * method that makes it.
 */
public enum DeliveryState {
    WAITING,
    LEASED,
    PARKED,
    HELD,
    QUEUED,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /**
     * The states a claim takes from, as SQL: exactly the rows with a due time. PostgreSQL's partial
     * index {@code deliveries_due} is declared with this very predicate, so its planner sees the
     * index applies; SQLite's is declared {@code WHERE next_attempt_at IS NOT NULL} (the same rows),
     * which every query of due deliveries implies by its {@code next_attempt_at <= :now}.
     */
    public static final String CLAIMABLE_SQL = "state IN ('waiting', 'leased', 'parked')";

    /** Made once: every insert and outcome write asks, on the store's one writer thread on SQLite. */
    private final String stored = name().toLowerCase(Locale.ROOT);

    /** The value in the {@code state} column. */
    public String stored() {
        return stored;
    }

    /** What the customer sees: a pending delivery is any of the engine's four pending states. */
    public DeliveryStatus status() {
        return switch (this) {
            case WAITING, LEASED, PARKED, HELD, QUEUED -> DeliveryStatus.PENDING;
            case SUCCEEDED -> DeliveryStatus.SUCCEEDED;
            case FAILED -> DeliveryStatus.FAILED;
            case CANCELLED -> DeliveryStatus.CANCELLED;
        };
    }

    /** The state stored as {@code stored}. */
    public static DeliveryState fromStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /**
     * One move a statement makes.
     *
     * @param by the {@link DeliverySql} method whose statement makes it
     */
    public record Edge(DeliveryState from, DeliveryState to, String by) {}

    /** Every move a delivery can make, with the statement that makes it. Creation has no "from". */
    public static final Set<Edge> EDGES = Set.of(
            new Edge(WAITING, LEASED, "lease"),
            new Edge(PARKED, LEASED, "lease (its parking ran out)"),
            new Edge(LEASED, LEASED, "lease (its lease ran out)"),
            new Edge(WAITING, WAITING, "keepForProbe"),
            new Edge(LEASED, WAITING, "keepForProbe (its lease ran out)"),
            new Edge(WAITING, PARKED, "park"),
            new Edge(LEASED, PARKED, "park (its lease ran out)"),
            new Edge(PARKED, WAITING, "releaseParked, keepParkedForProbe"),
            new Edge(LEASED, WAITING, "giveBack, giveBackAll, giveBackEveryLease"),
            new Edge(HELD, HELD, "giveBack, giveBackAll, giveBackEveryLease (lease cleared, still held)"),
            new Edge(LEASED, SUCCEEDED, "record"),
            new Edge(LEASED, FAILED, "record"),
            new Edge(LEASED, WAITING, "record (retry)"),
            new Edge(HELD, SUCCEEDED, "record (attempt in flight as the endpoint was disabled)"),
            new Edge(HELD, FAILED, "record (attempt in flight as the endpoint was disabled)"),
            new Edge(HELD, HELD, "record (retry of an attempt in flight as the endpoint was disabled)"),
            new Edge(WAITING, HELD, "holdOfDisabledEndpoint"),
            new Edge(PARKED, HELD, "holdOfDisabledEndpoint"),
            new Edge(LEASED, HELD, "holdOfDisabledEndpoint (a live lease kept, one that ran out cleared)"),
            new Edge(HELD, WAITING, "releaseOfEnabledEndpoint"),
            new Edge(HELD, LEASED, "releaseOfEnabledEndpoint (its attempt still in flight)"),
            new Edge(WAITING, CANCELLED, "cancelOfDeletedEndpoint"),
            new Edge(LEASED, CANCELLED, "cancelOfDeletedEndpoint"),
            new Edge(PARKED, CANCELLED, "cancelOfDeletedEndpoint"),
            new Edge(HELD, CANCELLED, "cancelOfDeletedEndpoint"),
            new Edge(WAITING, WAITING, "ManualDeliverySql.retry"),
            new Edge(PARKED, WAITING, "ManualDeliverySql.retry"),
            new Edge(LEASED, LEASED, "ManualDeliverySql.retry (lease kept)"),
            new Edge(HELD, WAITING, "ManualDeliverySql.retry (its endpoint enabled meanwhile)"),
            new Edge(HELD, LEASED, "ManualDeliverySql.retry (its endpoint enabled meanwhile; lease kept)"),
            new Edge(SUCCEEDED, WAITING, "ManualDeliverySql.retry"),
            new Edge(FAILED, WAITING, "ManualDeliverySql.retry, ManualDeliverySql.recover"),
            // Ordered endpoints only: a line's deliveries behind its head.
            new Edge(QUEUED, WAITING, "DeliveryLines.promote (its line's head ended)"),
            new Edge(QUEUED, HELD, "DeliveryLines.promote (its line's head ended, its endpoint disabled)"),
            new Edge(QUEUED, WAITING, "DeliveryLines.releaseQueued (the endpoint's ordering switched off)"),
            new Edge(QUEUED, HELD, "DeliveryLines.releaseQueued (ordering switched off, endpoint disabled)"),
            new Edge(QUEUED, CANCELLED, "cancelOfDeletedEndpoint"),
            new Edge(SUCCEEDED, QUEUED, "DeliveryLines.reenter (retry by hand, behind its line)"),
            new Edge(FAILED, QUEUED, "DeliveryLines.reenter (retry or recover by hand, behind its line)"));

    /**
     * The states a new delivery can start in ({@link DeliverySql#insert}; a delivery of an ordered
     * endpoint also {@link #QUEUED}, by {@link DeliveryLines#insert}).
     */
    public static final Set<DeliveryState> INITIAL = EnumSet.of(WAITING, LEASED, PARKED);

    /** Whether some statement moves a delivery from {@code from} to {@code to}. */
    public static boolean canMove(DeliveryState from, DeliveryState to) {
        return EDGES.stream().anyMatch(edge -> edge.from() == from && edge.to() == to);
    }
}
