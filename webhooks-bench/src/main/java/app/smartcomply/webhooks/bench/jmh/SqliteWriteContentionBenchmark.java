package app.smartcomply.webhooks.bench.jmh;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Eight threads each recording one attempt per transaction — the engine's write pattern — three
 * ways: each on its own connection, contending for SQLite's single write lock through {@code
 * busy_timeout} (what the service's 8-connection pool does today); all through one connection
 * behind a Java lock (writers queue in the JVM, never in SQLite's sleep-and-retry busy handler); and
 * through one connection where each commit carries 50 threads' worth of attempts (group commit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class SqliteWriteContentionBenchmark {

  @Param({"FULL"})
  String synchronous;

  SqliteFixture fixture;
  Connection shared;
  final ReentrantLock writer = new ReentrantLock();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new SqliteFixture(synchronous, 10, 10_000);
    shared = fixture.connect();
  }

  /** One connection per benchmark thread, like one pooled connection per engine worker. */
  @State(Scope.Thread)
  public static class OwnConnection {
    Connection connection;

    @Setup(Level.Trial)
    public void open(SqliteWriteContentionBenchmark benchmark) throws SQLException {
      connection = benchmark.fixture.connect();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** Attempts recorded per second, each in its own transaction, each thread on its own connection. */
  @Benchmark
  public int ownConnectionsContendingInSqlite(OwnConnection own) throws SQLException {
    int changed = fixture.recordAttempts(own.connection, 1);
    own.connection.commit();
    return changed;
  }

  /** Attempts recorded per second, each in its own transaction, all through one connection behind a lock. */
  @Benchmark
  public int oneConnectionBehindJavaLock() throws SQLException {
    writer.lock();
    try {
      int changed = fixture.recordAttempts(shared, 1);
      shared.commit();
      return changed;
    } finally {
      writer.unlock();
    }
  }

  /** Operations per second × 50 = attempts per second when 50 attempts share each commit. */
  @Benchmark
  public int groupCommitOf50BehindJavaLock() throws SQLException {
    writer.lock();
    try {
      int changed = fixture.recordAttempts(shared, 50);
      shared.commit();
      return changed;
    } finally {
      writer.unlock();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    shared.close();
    fixture.delete();
  }
}
