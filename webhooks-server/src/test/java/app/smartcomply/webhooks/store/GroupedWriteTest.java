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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Items of a {@link Grouped} write are queued once and written together: every item waiting when
 * the writer comes round goes to one {@link GroupedWrite#writeAll} call in one transaction — on a
 * batching committer (SQLite's) and on a pass-through one (PostgreSQL's, where the group has its own
 * thread) alike. A group that fails because of one item is written again item by item, so only
 * that item's caller is told it failed.
 */
class GroupedWriteTest {

    private Path dir;
    private Connection connection;
    private JdbcClient jdbc;
    private JdbcTransactionManager transactions;
    private GroupCommitter commits;
    private Grouped<String> rows;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstCallHolds = new CountDownLatch(1);
    private final CountDownLatch releaseFirstCall = new CountDownLatch(1);

    @BeforeEach
    void sqliteFile() throws Exception {
        dir = Files.createTempDirectory("grouped-write-");
        Properties settings = new Properties();
        settings.setProperty("transaction_mode", "IMMEDIATE");
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("grouped.db"), settings);
        try (Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE rows (name TEXT PRIMARY KEY CHECK (name <> 'bad'))");
        }
        var dataSource = new SingleConnectionDataSource(connection, true);
        jdbc = JdbcClient.create(dataSource);
        transactions = new JdbcTransactionManager(dataSource);
    }

    @AfterEach
    void close() throws Exception {
        releaseFirstCall.countDown();
        callers.shutdownNow();
        if (rows != null) {
            rows.close();
        }
        commits.close();
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyItemQueuedMeanwhileIsWrittenByOneCall(boolean batching) throws Exception {
        group(batching);
        Future<?> first = write("first");
        assertThat(firstCallHolds.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> queued = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            queued.add(writeAndAwaitQueued(name));
        }
        releaseFirstCall.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<?> item : queued) {
            item.get(10, TimeUnit.SECONDS);
        }
        assertThat(calls).containsExactly(List.of("first"), List.of("a", "b", "c"));
        assertThat(jdbc.sql("SELECT name FROM rows ORDER BY name")
                        .query(String.class)
                        .list())
                .containsExactly("a", "b", "c", "first");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGroupBrokenByOneItemIsWrittenItemByItem(boolean batching) throws Exception {
        group(batching);
        Future<?> first = write("first");
        assertThat(firstCallHolds.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> a = writeAndAwaitQueued("a");
        Future<?> bad = writeAndAwaitQueued("bad");
        Future<?> c = writeAndAwaitQueued("c");
        releaseFirstCall.countDown();

        first.get(10, TimeUnit.SECONDS);
        a.get(10, TimeUnit.SECONDS);
        c.get(10, TimeUnit.SECONDS);
        assertThat(bad)
                .failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DataAccessException.class);
        assertThat(calls)
                .containsExactly(
                        List.of("first"),
                        List.of("a", "bad", "c"), // without savepoints: the batch is rolled back whole
                        List.of("a", "bad", "c"), // in its savepoint
                        List.of("a"),
                        List.of("bad"),
                        List.of("c"));
        assertThat(jdbc.sql("SELECT name FROM rows ORDER BY name")
                        .query(String.class)
                        .list())
                .containsExactly("a", "c", "first");
    }

    private void group(boolean batching) {
        commits = batching ? new GroupCommitter(transactions, 64, 64) : GroupCommitter.passThrough(transactions);
        rows = commits.grouped("rows-writer", 100, new GroupedWrite<>() {
            @Override
            public void writeAll(List<String> names) {
                calls.add(List.copyOf(names));
                if (names.equals(List.of("first"))) {
                    firstCallHolds.countDown();
                    try {
                        releaseFirstCall.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                for (String name : names) {
                    jdbc.sql("INSERT INTO rows (name) VALUES (?)").param(name).update();
                }
            }

            @Override
            public boolean retryAlone(RuntimeException failure) {
                return failure instanceof DataAccessException; // a broken row, say: one item may be at fault
            }
        });
    }

    private Future<?> write(String name) {
        return callers.submit(() -> rows.write(name));
    }

    /** Writes an item and returns once its caller waits for the commit (it is in the queue). */
    private Future<?> writeAndAwaitQueued(String name) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] caller = new Thread[1];
        Future<?> future = callers.submit(() -> {
            caller[0] = Thread.currentThread();
            started.countDown();
            rows.write(name);
        });
        started.await();
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller[0].getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(name + " never queued").isLessThan(giveUpAt);
            Thread.onSpinWait();
        }
        return future;
    }
}
