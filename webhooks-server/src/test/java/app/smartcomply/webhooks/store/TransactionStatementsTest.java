package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TransactionStatements} on a real SQLite file, in transactions of Spring's manager. */
class TransactionStatementsTest {

    private static final String INSERT = "INSERT INTO notes (id, body) VALUES (?, ?)";

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private TransactionStatements statements;

    @BeforeEach
    void open() throws Exception {
        String file = Files.createTempDirectory("webhooks-statements-")
                .resolve("test.db")
                .toString();
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        statements = new TransactionStatements(jdbc);
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void aTransactionPreparesEachStatementOnceAndClosesItAtTheEnd() {
        List<PreparedStatement> handedOut = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            for (int id = 1; id <= 3; id++) {
                insert(id, "note " + id, handedOut);
            }
            // Bound only the id: the body bound by the previous use does not carry over.
            statements.run(INSERT, ps -> {
                handedOut.add(ps);
                ps.setInt(1, 4);
                return ps.executeUpdate();
            });
        });

        assertThat(handedOut).hasSize(4).allSatisfy(ps -> assertThat(ps).isSameAs(handedOut.get(0)));
        assertThat(isClosed(handedOut.get(0))).as("closed with the transaction").isTrue();
        assertThat(jdbc.queryForList("SELECT body FROM notes ORDER BY id", String.class))
                .containsExactly("note 1", "note 2", "note 3", null);
    }

    @Test
    void aFailedWriteIsTranslatedAndItsStatementReplaced() {
        List<PreparedStatement> handedOut = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            insert(1, "first", handedOut);
            assertThatThrownBy(() -> insert(1, "again", handedOut))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("UNIQUE constraint failed");
            insert(2, "second", handedOut);
        });

        assertThat(handedOut).hasSize(3);
        assertThat(handedOut.get(2)).as("a fresh statement after the failure").isNotSameAs(handedOut.get(0));
        assertThat(isClosed(handedOut.get(0))).isTrue();
        assertThat(jdbc.queryForList("SELECT body FROM notes ORDER BY id", String.class))
                .containsExactly("first", "second");
    }

    @Test
    void aRolledBackTransactionClosesItsStatementsAndWritesNothing() {
        List<PreparedStatement> handedOut = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            insert(1, "undone", handedOut);
            status.setRollbackOnly();
        });

        assertThat(isClosed(handedOut.get(0))).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class))
                .isZero();
        tx.executeWithoutResult(status -> insert(1, "kept", handedOut));
        assertThat(handedOut.get(1)).as("the next transaction prepares anew").isNotSameAs(handedOut.get(0));
        assertThat(jdbc.queryForObject("SELECT body FROM notes", String.class)).isEqualTo("kept");
    }

    @Test
    void outsideATransactionEachCallHasItsOwnStatement() {
        List<PreparedStatement> handedOut = new ArrayList<>();
        insert(1, "alone", handedOut);
        insert(2, "alone too", handedOut);

        assertThat(handedOut.get(1)).isNotSameAs(handedOut.get(0));
        assertThat(handedOut).allSatisfy(ps -> assertThat(isClosed(ps)).isTrue());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class))
                .isEqualTo(2);
    }

    private void insert(int id, String body, List<PreparedStatement> handedOut) {
        statements.run(INSERT, ps -> {
            handedOut.add(ps);
            ps.setInt(1, id);
            ps.setString(2, body);
            return ps.executeUpdate();
        });
    }

    private static boolean isClosed(PreparedStatement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
