package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The purge contract on the embedded engine: a SQLite file in a fresh directory. */
class SqlitePurgeContractTest extends PurgeContractTest {

    @Test
    void theFileIsInIncrementalAutoVacuumMode() {
        assertThat(jdbc.sql("PRAGMA auto_vacuum").query(Integer.class).single()).isEqualTo(2);
    }
}
