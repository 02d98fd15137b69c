package app.smartcomply.webhooks.store;

import java.nio.file.Files;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link DeliveryStateMigrationContractTest} on SQLite (V8), foreign keys on as the service runs
 * them — the table rebuild has to switch them off and on again.
 */
class SqliteDeliveryStateMigrationTest extends DeliveryStateMigrationContractTest {

    private SingleConnectionDataSource dataSource;

    @Override
    DataSource freshDatabase() throws Exception {
        String file = Files.createTempDirectory("webhooks-migration-")
                .resolve("webhooks.db")
                .toString();
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file + "?foreign_keys=true", true);
        return dataSource;
    }

    @Override
    String engine() {
        return "sqlite";
    }

    @Override
    String versionBefore() {
        return "7";
    }

    @Override
    String indexesOfDeliveriesSql() {
        return "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' AND sql IS NOT NULL";
    }

    @Override
    String[] indexesBefore() {
        return new String[] {"deliveries_due", "deliveries_by_endpoint", "deliveries_by_event"};
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.destroy();
        }
    }
}
