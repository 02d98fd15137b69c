package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ClaimSelectionContractTest} on the embedded engine: a SQLite file in a fresh directory. And
 * what differs there: SQLite does not index each endpoint's due deliveries (its one writer would
 * pay for it on every write), so claims reach what waits behind a backlog longer than their read
 * window only by reading past it, every few seconds.
 */
class SqliteClaimSelectionContractTest extends ClaimSelectionContractTest {

    @Test
    void claimsStillReachDeliveriesBehindABacklogAtItsCapLongerThanTheReadWindow() {
        BacklogAtItsCap backlog = backlogAtItsCapAheadOfTwoOthers();
        // Later than any moment the other tests of the class claim at: the last read past the window
        // was one of theirs.
        long t = now + 10 * 60_000;

        assertThat(queue.claimDue("node-a", t, t + LEASE, 200, backlog.room()))
                .as("the first claim reads past the window: the 200 oldest there, of which the room of one")
                .hasSize(150)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.older());
        assertThat(queue.claimDue("node-a", t + 1, t + LEASE, 200, backlog.room()))
                .as("one just after it finds nothing")
                .isEmpty();
        long next = t + DueCandidates.UNBOUNDED_CHECK_INTERVAL_MS;
        assertThat(queue.claimDue("node-a", next, next + LEASE, 200, backlog.room()))
                .as("the next read past the window, a few seconds on")
                .hasSize(200)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(backlog.older(), backlog.newer());
    }
}
