package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ClaimSelectionContractTest} on PostgreSQL, and what only PostgreSQL does: it indexes each
 * endpoint's due deliveries, so claims read past an endpoint's backlog however long it is.
 */
class PostgresClaimSelectionContractTest extends ClaimSelectionContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("claim_selection");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }

    @Test
    void anEndpointAtItsCapWithABacklogLongerThanTheReadWindowDoesNotSlowClaimsOfTheRest() {
        BacklogAtItsCap backlog = backlogAtItsCapAheadOfTwoOthers();

        // Each claim at the same moment: no wait for a read past the window, and at most its room of
        // each endpoint, the longest waiting first.
        for (int claim = 0; claim < 2; claim++) {
            assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
                    .as("claim %d", claim)
                    .hasSize(200)
                    .extracting(ClaimedDelivery::endpointId)
                    .containsOnly(backlog.older(), backlog.newer())
                    .filteredOn(backlog.older()::equals)
                    .hasSize(150);
        }
        assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
                .as("the older backlog taken, the newer one's room")
                .hasSize(150)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.newer());
        assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
                .as("the rest of the newer backlog")
                .hasSize(50)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.newer());
        assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
                .as("nothing left but the busy endpoint's")
                .isEmpty();
        assertThat(queue.claimDue("node-a", now, now + LEASE, 200, Set.of()))
                .as("with room again, the busy endpoint's own oldest")
                .hasSize(200)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.busy());
    }

    @Test
    void behindABacklogAtItsCapAPausedEndpointsDeliveriesAreHeldAndParkedAsInsideTheWindow() {
        BacklogAtItsCap backlog = backlogAtItsCapAheadOfTwoOthers();
        long probeAt = now + 5_000;
        long parkUntil = now + 300_000;
        ClaimRoom olderPaused =
                new ClaimRoom(Set.of(backlog.busy()), endpointId -> 150, Map.of(backlog.older(), probeAt), parkUntil);

        // The paused endpoint waited longest: a claim takes its due rows first, as a read of the window
        // would, keeping one to probe it with when the pause ends and parking the rest.
        Claim first = queue.claim("node-a", now, now + LEASE, 200, olderPaused);
        assertThat(first.leased()).isEmpty();
        assertThat(first.setAside()).isEqualTo(200);
        assertThat(jdbc.sql(
                                "SELECT next_attempt_at, COUNT(*) FROM deliveries WHERE endpoint_id = ?"
                                        + " AND lease_owner IS NULL AND next_attempt_at > ? GROUP BY next_attempt_at ORDER BY next_attempt_at")
                        .params(backlog.older(), now)
                        .query((rs, n) -> rs.getLong(1) + " x " + rs.getLong(2))
                        .list())
                .containsExactly(probeAt + " x 1", parkUntil + " x 199");

        Claim second = queue.claim("node-a", now, now + LEASE, 200, olderPaused);
        assertThat(second.setAside()).as("the paused endpoint's last 100").isEqualTo(100);
        assertThat(second.leased())
                .as("then the other endpoint's oldest, each once")
                .hasSize(100)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.newer());
        assertThat(second.leased()).extracting(ClaimedDelivery::id).doesNotHaveDuplicates();
    }
}
