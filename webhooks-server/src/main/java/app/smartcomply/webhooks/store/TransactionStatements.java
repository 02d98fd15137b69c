package app.smartcomply.webhooks.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Prepared statements kept for the length of the current transaction, one per SQL text.
 *
 * <p>SQLite compiles a statement anew on every prepare — 3–6 µs for the hot inserts, a third of
 * the store's one writer thread in a batch publish — and its driver keeps no cache. A group commit
 * on SQLite runs many units' identical writes in one transaction on that thread: with this, a
 * publish's event insert or an attempt's outcome update is compiled once per commit instead of
 * once per unit. (PostgreSQL's driver caches prepared statements per connection by itself; there
 * this only saves a lookup.)
 *
 * <p>Contract: {@link #run} hands {@code work} a statement with no parameters bound and an empty
 * batch, on the connection of the transaction the calling thread is in. The statement stays this
 * class's: {@code work} binds, executes and reads it, and must neither close it nor keep it.
 * Statements are closed when the transaction completes, whether it commits or rolls back; one
 * whose work failed is closed at once, so a later unit of the same transaction gets a fresh one.
 * Outside a transaction managed by Spring the statement is prepared for the call and closed after
 * it. A {@link java.sql.SQLException} reaches the caller as the {@link JdbcTemplate} given
 * translates it, as it would from {@code JdbcTemplate.update}. Confined to the calling thread, as
 * its transaction is.
 */
public final class TransactionStatements {

    /** What to do with a statement. */
    @FunctionalInterface
    public interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Binds the values of row {@code row} of a batch. */
    @FunctionalInterface
    public interface RowBinder {
        void bind(PreparedStatement statement, int row) throws SQLException;
    }

    private final JdbcTemplate template;

    public TransactionStatements(JdbcTemplate template) {
        this.template = template;
    }

    /** Runs {@code work} with the statement for {@code sql} (see the class's contract). */
    public <T> T run(String sql, Work<T> work) {
        return template.execute((ConnectionCallback<T>) connection -> {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    return work.run(statement);
                }
            }
            Kept kept = kept();
            PreparedStatement statement = kept.statements.get(sql);
            boolean reused = statement != null;
            if (!reused) {
                statement = connection.prepareStatement(sql);
                kept.statements.put(sql, statement);
            }
            try {
                if (reused) {
                    // What the previous use bound must not leak into this one.
                    statement.clearParameters();
                    statement.clearBatch();
                }
                return work.run(statement);
            } catch (SQLException | RuntimeException | Error e) {
                kept.statements.remove(sql);
                closeQuietly(statement, e);
                throw e;
            }
        });
    }

    /**
     * Runs the statement for {@code sql} as one JDBC batch of {@code rows} rows, each bound by
     * {@code binder} (see the class's contract).
     *
     * @return the update count of each row, in order
     */
    public int[] batch(String sql, int rows, RowBinder binder) {
        return run(sql, statement -> {
            for (int row = 0; row < rows; row++) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    /** This transaction's statements, bound to it on first use. */
    private Kept kept() {
        Kept kept = (Kept) TransactionSynchronizationManager.getResource(this);
        if (kept == null) {
            kept = new Kept(this);
            TransactionSynchronizationManager.bindResource(this, kept);
            TransactionSynchronizationManager.registerSynchronization(kept);
        }
        return kept;
    }

    private static void closeQuietly(PreparedStatement statement, Throwable cause) {
        try {
            statement.close();
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        }
    }

    /** The statements of one transaction; closes them when it completes. */
    private static final class Kept implements TransactionSynchronization {
        private final Object key;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Kept(Object key) {
            this.key = key;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // The transaction is over; the pool closes what is left with the connection.
                }
            }
            statements.clear();
        }
    }
}
