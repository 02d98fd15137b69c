package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
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

  @RegisterExtension static final PostgresTestDatabase database = PostgresTestDatabase.perClass("claim_selection");

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
          .hasSize(200).extracting(ClaimedDelivery::endpointId).containsOnly(backlog.older(), backlog.newer())
          .filteredOn(backlog.older()::equals).hasSize(150);
    }
    assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
        .as("the older backlog taken, the newer one's room").hasSize(150)
        .extracting(ClaimedDelivery::endpointId).containsOnly(backlog.newer());
    assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
        .as("the rest of the newer backlog").hasSize(50)
        .extracting(ClaimedDelivery::endpointId).containsOnly(backlog.newer());
    assertThat(queue.claimDue("node-a", now, now + LEASE, 200, backlog.room()))
        .as("nothing left but the busy endpoint's").isEmpty();
    assertThat(queue.claimDue("node-a", now, now + LEASE, 200, Set.of()))
        .as("with room again, the busy endpoint's own oldest").hasSize(200)
        .extracting(ClaimedDelivery::endpointId).containsOnly(backlog.busy());
  }
}
