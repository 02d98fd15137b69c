package app.smartcomply.webhooks.store;

import java.sql.SQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises "the database has no room left": SQLite's {@code SQLITE_FULL} (the disk is full, or
 * the file reached {@code max_page_count}) and PostgreSQL's {@code disk_full} (SQLSTATE 53100).
 *
 * <p>Such a write changed nothing — SQLite rolls the whole transaction back, PostgreSQL the
 * statement — and the store stays consistent; writes succeed again once space returns (a purge
 * round, or an operator freeing the disk). The API answers it with 503 {@code store_full}.
 */
public final class StoreFull {

    /** SQLite's primary result code for a full database or disk. */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE for "could not extend file: No space left on device". */
    private static final String POSTGRES_DISK_FULL = "53100";

    private StoreFull() {}

    /**
     * True if {@code failure}, anything it was caused by, or the failure a failed rollback overrode
     * (Spring keeps that apart from the cause), says the store is full.
     */
    public static boolean causedBy(Throwable failure) {
        return causedBy(failure, 0);
    }

    private static boolean causedBy(Throwable failure, int depth) {
        if (failure == null || depth > 32) {
            return false;
        }
        if (failure instanceof SQLException sql && isFull(sql)) {
            return true;
        }
        if (failure instanceof TransactionSystemException tx && causedBy(tx.getApplicationException(), depth + 1)) {
            return true;
        }
        return failure.getCause() != failure && causedBy(failure.getCause(), depth + 1);
    }

    private static boolean isFull(SQLException e) {
        if (POSTGRES_DISK_FULL.equals(e.getSQLState())) {
            return true;
        }
        // sqlite-jdbc reports the result code as the vendor code; the low byte is its primary part.
        return e.getClass().getName().startsWith("org.sqlite.") && (e.getErrorCode() & 0xFF) == SQLITE_FULL;
    }
}
