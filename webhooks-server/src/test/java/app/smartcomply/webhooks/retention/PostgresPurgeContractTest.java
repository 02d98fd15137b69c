package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The purge contract on PostgreSQL, and its one-node-at-a-time lock. */
class PostgresPurgeContractTest extends PurgeContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("purge_contract");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }

    @Test
    void aNodeSkipsTheRoundWhileAnotherHoldsThePurgeLock() throws Exception {
        String done = event(0);
        delivery(done, endpoint, "succeeded", at(0));
        clock.set(start.plus(RETENTION).plus(Duration.ofDays(1)));
        try (Connection otherNode = database.connect()) {
            lock(otherNode, "SELECT pg_advisory_lock(?)");
            PurgeRound skipped = purger.purgeOnce();
            assertThat(skipped.ran()).isFalse();
            assertThat(eventsLeft()).containsExactly(done);
            lock(otherNode, "SELECT pg_advisory_unlock(?)");
        }
        PurgeRound round = purger.purgeOnce();
        assertThat(round.ran()).isTrue();
        assertThat(eventsLeft()).isEmpty();
        // The lock went back with the round: the next round runs too.
        assertThat(purger.purgeOnce().ran()).isTrue();
    }

    /**
     * A retry of a dead letter commits while a purge batch is deciding about its event: the batch
     * must see the delivery pending again and keep it, never delete a delivery whose retry the API
     * has just accepted.
     */
    @Test
    void aDeadLetterRetriedWhileTheBatchRunsIsKept() throws Exception {
        String event = event(0);
        String dead = delivery(event, endpoint, "failed", at(0));
        clock.set(start.plus(RETENTION).plus(Duration.ofDays(1)));
        ExecutorService purging = Executors.newSingleThreadExecutor();
        try (Connection retry = database.connect()) {
            retry.setAutoCommit(false);
            try (PreparedStatement pending = retry.prepareStatement(
                    "UPDATE deliveries SET status = 'pending', state = 'waiting', next_attempt_at = 0 WHERE id = ?")) {
                pending.setString(1, dead);
                pending.executeUpdate();
            }
            Future<PurgeRound> round = purging.submit(purger::purgeOnce);
            awaitAStatementWaitingForARowLock();
            retry.commit();
            assertThat(round.get(20, TimeUnit.SECONDS).events()).isZero();
        } finally {
            purging.shutdownNow();
        }
        assertThat(eventsLeft()).containsExactly(event);
        assertThat(jdbc.sql("SELECT status FROM deliveries WHERE id = ?")
                        .param(dead)
                        .query(String.class)
                        .single())
                .isEqualTo("pending");
    }

    private void awaitAStatementWaitingForARowLock() throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock'")
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime())
                    .as("the purge never waited for the retry's lock")
                    .isLessThan(giveUpAt);
            Thread.sleep(10);
        }
    }

    private static void lock(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RoundLock.Advisory.KEY);
            statement.executeQuery().close();
        }
    }
}
