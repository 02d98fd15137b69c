package app.smartcomply.webhooks.bench.jmh;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The delivery queue's statements, one at a time, on a SQLite file with 100k pending, due
 * deliveries over 10 endpoints ({@link SqliteFixture}: the service's schema, its SQL replicated).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClaimQueryBenchmark {

    @Param({"FULL", "NORMAL"})
    String synchronous;

    @Param({"200"})
    int batch;

    private SqliteFixture fixture;
    private Connection connection;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new SqliteFixture(synchronous, 10, 100_000);
        connection = fixture.connect();
    }

    /** One claim as the engine makes it: lease up to {@code batch} due deliveries and load them; one transaction. */
    @Benchmark
    public int claim() throws SQLException {
        return SqliteFixture.inTransaction(connection, c -> fixture.claim(c, List.of(), batch));
    }

    /**
     * A claim while 9 of the 10 endpoints are at their in-flight cap and excluded (the hostile case):
     * the scan steps over their rows to find the tenth endpoint's.
     */
    @Benchmark
    public int claimExcludingNineEndpoints() throws SQLException {
        return SqliteFixture.inTransaction(
                connection, c -> fixture.claim(c, fixture.endpointIds.subList(1, 10), batch));
    }

    /** Gives the leases back after every invocation so each claim sees the same full queue. Not measured. */
    @TearDown(Level.Invocation)
    public void releaseLeases() throws SQLException {
        fixture.releaseLeases(connection);
    }

    /** Recording one attempt the way the engine does: its own transaction (attempt row, delivery, endpoint). */
    @Benchmark
    public int recordOneAttempt() throws SQLException {
        return SqliteFixture.inTransaction(connection, c -> fixture.recordAttempts(c, 1));
    }

    /** The same writes for {@code batch} attempts in one transaction (divide by the batch for per-attempt cost). */
    @Benchmark
    public int recordBatchOfAttemptsInOneTransaction() throws SQLException {
        return SqliteFixture.inTransaction(connection, c -> fixture.recordAttempts(c, batch));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        fixture.delete();
    }
}
