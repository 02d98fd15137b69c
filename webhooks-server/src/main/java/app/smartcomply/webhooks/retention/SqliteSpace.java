package app.smartcomply.webhooks.retention;

import app.smartcomply.webhooks.store.GroupCommitter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives the pages a purge freed back to the file system, on SQLite.
 *
 * <p>Deleted rows leave free pages inside the file; SQLite reuses them, but the file keeps its
 * size. The store opens every file with {@code auto_vacuum = INCREMENTAL}, so {@code PRAGMA
 * incremental_vacuum(n)} can move up to n free pages to the end and cut them off — a few MiB per
 * transaction, each taken through the group committer like any other write, so publishes and
 * attempt outcomes go in between. In WAL mode the file shrinks at the next checkpoint, asked for
 * at the end (passive: it waits for nobody).
 */
final class SqliteSpace {

    /**
     * Pages freed per transaction: 1 MiB with SQLite's default 4 KiB page. Each step moves pages to
     * the end of the file and holds the one writer while it does; small steps, paced like the
     * deletes ({@link PurgePace}), keep publishes going while gigabytes come back.
     */
    static final int PAGES_PER_STEP = 256;

    private final JdbcTemplate jdbc;
    private final GroupCommitter commits;
    private final PurgePace pace;

    SqliteSpace(JdbcTemplate jdbc, GroupCommitter commits, PurgePace pace) {
        this.jdbc = jdbc;
        this.commits = commits;
        this.pace = pace;
    }

    /** Frees every free page, a step at a time; returns how many pages the file lost. */
    long reclaim() {
        long free = freePages();
        if (free == 0) {
            return 0;
        }
        long before = pages();
        // Each step frees up to PAGES_PER_STEP; the bound only guards against a file that never empties
        // its free list (pages freed by writers in between are welcome but not chased forever).
        for (long steps = free / PAGES_PER_STEP + 2;
                free > 0 && steps > 0 && !Thread.currentThread().isInterrupted();
                steps--) {
            // A statement without parameters: the pragma runs to completion only when executed as a
            // plain update; stepped once as a prepared query it frees a single page.
            pace.run(() -> commits.execute(() -> jdbc.update("PRAGMA incremental_vacuum(" + PAGES_PER_STEP + ")")));
            free = freePages();
        }
        jdbc.execute("PRAGMA wal_checkpoint(PASSIVE)");
        return before - pages();
    }

    private long freePages() {
        return jdbc.queryForObject("PRAGMA freelist_count", Long.class);
    }

    private long pages() {
        return jdbc.queryForObject("PRAGMA page_count", Long.class);
    }
}
