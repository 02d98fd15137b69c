package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The purge contract on PostgreSQL, and its one-node-at-a-time lock. */
class PostgresPurgeContractTest extends PurgeContractTest {

  @RegisterExtension static final PostgresTestDatabase database = PostgresTestDatabase.perClass("purge_contract");

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

  private static void lock(Connection connection, String sql) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, RoundLock.Advisory.KEY);
      statement.executeQuery().close();
    }
  }
}
