package app.smartcomply.webhooks.store;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link DeliveryStateMigrationContractTest} on PostgreSQL (V10). */
class PostgresDeliveryStateMigrationTest extends DeliveryStateMigrationContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("state-migration");

    /**
     * Each test starts from an empty schema in the class's database. A connection per use, as the
     * pool gives them: Flyway runs some migrations outside a transaction (CONCURRENTLY).
     */
    @Override
    DataSource freshDatabase() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        PostgresUrl url = PostgresUrl.parse(database.url());
        return new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password());
    }

    @Override
    String indexesOfDeliveriesSql() {
        return "SELECT indexname FROM pg_indexes WHERE tablename = 'deliveries' AND indexname <> 'deliveries_pkey'";
    }

    @Override
    String[] indexesBefore() {
        return new String[] {
            "deliveries_due", "deliveries_by_endpoint", "deliveries_by_event", "deliveries_due_by_endpoint"
        };
    }

    @Override
    String engine() {
        return "postgresql";
    }

    @Override
    String versionBefore() {
        return "9";
    }
}
