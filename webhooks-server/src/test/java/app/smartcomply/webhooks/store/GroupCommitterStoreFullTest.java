package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A unit that finds the SQLite file full (SQLITE_FULL) makes SQLite roll back the whole shared
 * transaction, not just the unit's savepoint. Every caller of that batch must then be told it
 * failed, and nothing it was told failed may be committed: a caller told "failed" retries, and a
 * write committed behind its back would then be there twice.
 */
class GroupCommitterStoreFullTest {

    private Path dir;
    private Connection connection;
    private GroupCommitter commits;
    private JdbcClient jdbc;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @BeforeEach
    void smallSqliteFile() throws Exception {
        dir = Files.createTempDirectory("group-commit-full-");
        Properties settings = new Properties();
        settings.setProperty("transaction_mode", "IMMEDIATE");
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("full.db"), settings);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            sql.execute("INSERT INTO rows (body) VALUES (zeroblob(10))");
            // A few small rows fit; a 1 MB row does not.
            sql.execute("PRAGMA max_page_count = 40");
        }
        var dataSource = new SingleConnectionDataSource(connection, true);
        jdbc = JdbcClient.create(dataSource);
        commits = new GroupCommitter(new JdbcTransactionManager(dataSource), 64, 64);
    }

    @AfterEach
    void close() throws Exception {
        callers.shutdownNow();
        commits.close();
        connection.close();
    }

    @Test
    void aUnitThatFindsTheStoreFullFailsItsWholeBatchAndCommitsNothingOfIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Holds the writer so that the units below queue up and share the next batch.
        Future<?> blocker = callers.submit(() -> commits.execute(() -> {
            running.countDown();
            await(release);
            return null;
        }));
        running.await();
        List<Thread> waiting = new ArrayList<>();
        Future<?> full = submitAndAwaitQueued(waiting, "big", 1_000_000);
        List<Future<?>> small = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            small.add(submitAndAwaitQueued(waiting, "small-" + i, 10));
        }
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        long committedSmall = jdbc.sql("SELECT COUNT(*) FROM rows WHERE length(body) = 10")
                        .query(Long.class)
                        .single()
                - 1;
        long toldSucceeded =
                small.stream().filter(f -> !(outcome(f) instanceof Throwable)).count();
        assertThat(committedSmall)
                .as("small units committed vs. small units told they succeeded")
                .isEqualTo(toldSucceeded);
        assertThat(outcome(full)).as("the unit that hit the limit").isInstanceOf(Exception.class);
        assertThat(StoreFull.causedBy((Throwable) outcome(full)))
                .as("its failure says the store is full")
                .isTrue();

        // The store keeps working once the big write is gone.
        commits.execute(
                () -> jdbc.sql("INSERT INTO rows (body) VALUES (zeroblob(10))").update());
        assertThat(jdbc.sql("PRAGMA integrity_check").query(String.class).single())
                .isEqualTo("ok");
    }

    /** Submits an insert and returns once its caller waits for the commit (it is in the queue). */
    private Future<?> submitAndAwaitQueued(List<Thread> waiting, String name, int bytes) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] caller = new Thread[1];
        Future<?> future = callers.submit(() -> {
            caller[0] = Thread.currentThread();
            started.countDown();
            return commits.execute(() -> jdbc.sql("INSERT INTO rows (body) VALUES (zeroblob(?))")
                    .param(bytes)
                    .update());
        });
        started.await();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller[0].getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(name + " never queued").isLessThan(giveUpAt);
            Thread.onSpinWait();
        }
        waiting.add(caller[0]);
        return future;
    }

    private static Object outcome(Future<?> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
