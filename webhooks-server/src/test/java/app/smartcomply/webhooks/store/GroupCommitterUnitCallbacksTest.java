package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Units that share one group-commit transaction each keep their own after-commit actions: a unit
 * that failed was rolled back to its savepoint, so what it asked to do "once committed" must not
 * happen, while the actions of the units that did commit must.
 */
class GroupCommitterUnitCallbacksTest {

    private Path dir;
    private Connection connection;
    private GroupCommitter commits;
    private JdbcClient jdbc;
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @BeforeEach
    void sqliteFile() throws Exception {
        dir = Files.createTempDirectory("group-commit-callbacks-");
        Properties settings = new Properties();
        settings.setProperty("transaction_mode", "IMMEDIATE");
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("callbacks.db"), settings);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE rows (name TEXT PRIMARY KEY)");
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
    void theAfterCommitActionOfAUnitRolledBackToItsSavepointNeverRuns() throws Exception {
        List<Future<Object>> units = inOneBatch(
                () -> {
                    jdbc.sql("INSERT INTO rows (name) VALUES ('first')").update();
                    AfterCommit.run(() -> ran.add("first"));
                    return null;
                },
                () -> {
                    jdbc.sql("INSERT INTO rows (name) VALUES ('second')").update();
                    AfterCommit.run(() -> ran.add("second"));
                    throw new IllegalStateException("the second unit fails after registering its action");
                });

        assertThat(units.get(0).get(10, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> units.get(1).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("the second unit fails after registering its action");
        assertThat(jdbc.sql("SELECT name FROM rows").query(String.class).list()).containsExactly("first");
        assertThat(ran).as("after-commit actions that ran").containsExactly("first");
    }

    @Test
    void eachUnitOfABatchIsSettledByItsOwnOutcome() throws Exception {
        List<Future<Object>> units = inOneBatch(
                () -> {
                    AfterCommit.settle(() -> ran.add("first committed"), () -> ran.add("first rolled back"));
                    return null;
                },
                () -> {
                    AfterCommit.settle(() -> ran.add("second committed"), () -> ran.add("second rolled back"));
                    throw new IllegalStateException("the second unit fails");
                },
                () -> {
                    AfterCommit.settle(() -> ran.add("third committed"), () -> ran.add("third rolled back"));
                    return null;
                });

        assertThat(units.get(0)).succeedsWithin(java.time.Duration.ofSeconds(10));
        assertThat(units.get(1)).failsWithin(java.time.Duration.ofSeconds(10));
        assertThat(units.get(2)).succeedsWithin(java.time.Duration.ofSeconds(10));
        // The batch ran first without savepoints and was rolled back whole when the second unit threw
        // (the third had not run); then again, each unit in its own savepoint.
        assertThat(ran)
                .containsExactly(
                        "first rolled back",
                        "second rolled back",
                        "first committed",
                        "second rolled back",
                        "third committed");
    }

    @Test
    void aCallerReturnsAfterItsUnitsAfterCommitActionsAndIsAnsweredUntilTheCommitterCloses() throws Exception {
        // The caller is answered from another thread than the writer's; its actions still come first.
        for (int i = 0; i < 50; i++) {
            String name = "unit " + i;
            commits.execute(() -> {
                AfterCommit.run(() -> ran.add(name));
                return null;
            });
            assertThat(ran).as("actions that ran when the caller returned").endsWith(name);
        }
        // Units queued when the committer closes are committed and their callers answered.
        List<Future<Object>> last = inOneBatch(() -> {
            jdbc.sql("INSERT INTO rows (name) VALUES ('last')").update();
            return "last";
        });
        commits.close();
        assertThat(last.getFirst().get(10, TimeUnit.SECONDS)).isEqualTo("last");
        assertThat(jdbc.sql("SELECT count(*) FROM rows").query(Integer.class).single())
                .isEqualTo(1);
    }

    /**
     * Runs the units in one shared transaction: a first unit holds the writer until all of them
     * wait in its queue, so the writer's next batch takes them together, in this order.
     */
    @SafeVarargs
    private List<Future<Object>> inOneBatch(Supplier<Object>... work) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> blocker = callers.submit(() -> commits.execute(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        List<Future<Object>> futures = new CopyOnWriteArrayList<>();
        for (Supplier<Object> unit : work) {
            futures.add(submitAndAwaitQueued(unit));
        }
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        return futures;
    }

    /** Submits a unit and returns once its caller waits for the commit (it is in the queue). */
    private Future<Object> submitAndAwaitQueued(Supplier<Object> unit) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] caller = new Thread[1];
        Future<Object> future = callers.submit(() -> {
            caller[0] = Thread.currentThread();
            started.countDown();
            return commits.execute(unit);
        });
        started.await();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller[0].getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the unit never queued").isLessThan(giveUpAt);
            Thread.onSpinWait();
        }
        return future;
    }
}
