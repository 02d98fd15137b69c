package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The writes on the embedded engine: JDBC batches into a SQLite file. */
class SqliteDeliveryWritesContractTest extends DeliveryWritesContractTest {

    /**
     * A JDBC batch executes its statement once per row, and SQLite builds a temporary b-tree for an
     * {@code IN} list of three or more values once per execution — in a CHECK or an index predicate
     * too. On the store's one writer thread that was most of a delivery's cost; the schema says its
     * constraints without such lists, and this keeps it so.
     */
    @Test
    void aRowWriteBuildsNoTemporaryTable() {
        for (String write : List.of(
                SqliteDeliverySql.INSERT_DELIVERY,
                SqliteDeliverySql.UPDATE_OUTCOME,
                SqliteDeliverySql.INSERT_ATTEMPT)) {
            List<String> opcodes = jdbc.sql("EXPLAIN " + write)
                    .query((rs, row) -> rs.getString("opcode"))
                    .list();
            assertThat(opcodes).as(write).isNotEmpty().doesNotContain("OpenEphemeral");
        }
    }

    /** The due index holds the rows with a due time; every read of due deliveries must still use it. */
    @Test
    void theReadOfDueDeliveriesUsesTheDueIndex() {
        List<String> plan = jdbc.sql("EXPLAIN QUERY PLAN " + DeliverySql.DUE.replace(":now", "?")
                        + " ORDER BY next_attempt_at LIMIT 100")
                .param(1_000L)
                .query((rs, row) -> rs.getString("detail"))
                .list();
        assertThat(plan).anySatisfy(step -> assertThat(step).contains("USING INDEX deliveries_due"));
    }
}
