package app.smartcomply.webhooks.store;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store contract on PostgreSQL: a fresh database on the server of WEBHOOKS_TEST_DATABASE_URL. */
class PostgresStoreContractTest extends StoreContractTest {

  @RegisterExtension static final PostgresTestDatabase database = PostgresTestDatabase.perClass("store_contract");

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    database.registerAsStore(registry);
  }

  @Override
  String expectedEngine() {
    return "postgresql";
  }
}
