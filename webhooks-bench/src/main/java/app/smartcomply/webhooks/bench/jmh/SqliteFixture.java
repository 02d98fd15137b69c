package app.smartcomply.webhooks.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SQLite file with the service's real schema (its V1 migration, copied in at build time) and a
 * queue of pending, due deliveries, plus the delivery queue's statements to run against it.
 *
 * <p>The SQL is replicated from {@code SqliteDialect.leaseDeliveriesSql()}, {@code
 * DueCandidates}, {@code JdbcDeliveryQueue} and {@code EndpointService.recordDeliveryOutcome}: those classes are
 * package-private in the server, and the server jar is a Spring Boot fat jar, so they are not
 * callable from here. Keep the text in step. Connections are configured as the service configures
 * its pool ({@code DatabaseConfiguration}): WAL, {@code BEGIN IMMEDIATE}, busy_timeout 30 s,
 * foreign keys, and {@code synchronous} as given (FULL is the service's setting).
 */
final class SqliteFixture {

  /**
   * DueCandidates' candidate read, bounded to the 20,000 oldest due rows, with the
   * excluded-endpoints marker.
   */
  static final String CANDIDATES = """
      SELECT d.id, d.endpoint_id FROM (
        SELECT id, endpoint_id, lease_expires_at, next_attempt_at FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 20000) d
       WHERE (d.lease_expires_at IS NULL OR d.lease_expires_at < ?) /*EXCLUDED_ENDPOINTS*/
         AND (SELECT e.status FROM endpoints e WHERE e.id = d.endpoint_id) = 'active'
       ORDER BY d.next_attempt_at
       LIMIT ?""";

  /** SqliteDialect.leaseDeliveriesSql(), for a batch of candidate ids. */
  static final String LEASE = """
      UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?, next_attempt_at = ?
       WHERE id IN (%s) AND status = 'pending'
         AND (lease_expires_at IS NULL OR lease_expires_at < ?)
      RETURNING id""";

  /** JdbcDeliveryQueue.claimDue's last statement, for the leased ids. */
  static final String LOAD = """
      SELECT d.id, d.account_id, d.event_id, d.event_type, d.endpoint_id, e.url,
             d.attempt_count, ev.payload
        FROM deliveries d
        JOIN endpoints e ON e.id = d.endpoint_id
        JOIN events ev ON ev.id = d.event_id
       WHERE d.id IN (%s)
       ORDER BY d.next_attempt_at""";

  /** JdbcDeliveryQueue.resolve's insert. */
  static final String INSERT_ATTEMPT = """
      INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,
                            request_headers, response_status, response_headers, response_body,
                            response_body_truncated, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  /** JdbcDeliveryQueue.resolve's update; the benchmarks keep status 'pending' so the queue keeps its size. */
  static final String RESOLVE = """
      UPDATE deliveries
         SET status = ?, attempt_count = ?, next_attempt_at = ?, lease_owner = NULL,
             lease_expires_at = NULL, last_status = ?, last_error = ?, last_attempt_at = ?,
             updated_at = ?
       WHERE id = ? AND status = 'pending'""";

  /** EndpointService.recordDeliveryOutcome after a success: a write only if the last one is a second old. */
  static final String ENDPOINT_SUCCESS = "UPDATE endpoints SET failing_since = NULL, last_success_at = ? WHERE id = ?"
      + " AND (failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at <= ?)";

  static final String OWNER = "bench-node";
  private static final HexFormat HEX = HexFormat.of();

  final Path dir;
  final Path file;
  final String synchronous;
  final int endpoints;
  final int pending;
  final List<String> endpointIds = new ArrayList<>();
  final List<String> deliveryIds = new ArrayList<>();
  private final String headersJson = "[" + String.join(",", Collections.nCopies(10,
      "{\"name\":\"X-SmartComply-Signature\",\"value\":\"t=1778000000,v1=" + "0".repeat(64) + "\"}")) + "]";

  SqliteFixture(String synchronous, int endpoints, int pending) throws Exception {
    this.synchronous = synchronous;
    this.endpoints = endpoints;
    this.pending = pending;
    this.dir = Files.createTempDirectory("webhooks-bench-sqlite");
    this.file = dir.resolve("webhooks.db");
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // Comments first (they contain semicolons), then one statement per semicolon.
        for (String sql : schema().replaceAll("--[^\n]*", "").split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
      seed(connection);
    }
  }

  /**
   * A connection configured like one of the service's pool, in auto-commit mode like a pooled
   * connection between transactions; run work with {@link #inTransaction}.
   */
  Connection connect() throws SQLException {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", synchronous);
    pragmas.setProperty("busy_timeout", "30000");
    pragmas.setProperty("transaction_mode", "IMMEDIATE");
    pragmas.setProperty("foreign_keys", "true");
    return DriverManager.getConnection("jdbc:sqlite:" + file, pragmas);
  }

  /** Work that throws SQLException. */
  interface Work {
    int run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction the way Spring's JdbcTransactionManager drives a pooled
   * connection: {@code setAutoCommit(false)}, the work, {@code commit()}, {@code setAutoCommit(true)}.
   * With sqlite-jdbc and transaction_mode=IMMEDIATE that is {@code BEGIN IMMEDIATE} (takes the write
   * lock), the work, {@code COMMIT} followed at once by another {@code BEGIN IMMEDIATE} (sqlite-jdbc
   * reopens a transaction after every commit), then {@code COMMIT} of that empty transaction.
   */
  static int inTransaction(Connection connection, Work work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      int result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static String schema() throws IOException {
    try (InputStream in = SqliteFixture.class.getResourceAsStream("/bench-schema/sqlite/V1__core.sql")) {
      if (in == null) {
        throw new IllegalStateException("bench-schema/sqlite/V1__core.sql missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void seed(Connection connection) throws SQLException {
    long now = System.currentTimeMillis();
    try (Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO accounts (id, name, created_at) VALUES ('acct_bench', 'bench', " + now + ")");
    }
    try (PreparedStatement endpoint = connection.prepareStatement(
        "INSERT INTO endpoints (id, account_id, url, event_types, status, created_at, updated_at)"
            + " VALUES (?, 'acct_bench', ?, '*', 'active', ?, ?)")) {
      for (int i = 0; i < endpoints; i++) {
        String id = "whe_" + HEX.toHexDigits((now << 16) + i) + HEX.toHexDigits((long) i);
        endpointIds.add(id);
        endpoint.setString(1, id);
        endpoint.setString(2, "http://127.0.0.1:9/e/" + i);
        endpoint.setLong(3, now);
        endpoint.setLong(4, now);
        endpoint.addBatch();
      }
      endpoint.executeBatch();
    }
    byte[] payload = new byte[600];
    java.util.Arrays.fill(payload, (byte) 'x');
    try (PreparedStatement event = connection.prepareStatement(
            "INSERT INTO events (id, account_id, type, payload, created_at) VALUES (?, 'acct_bench', 'test.submitted', ?, ?)");
        PreparedStatement delivery = connection.prepareStatement(
            "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                + " next_attempt_at, created_at, updated_at) VALUES (?, 'acct_bench', ?, ?, 'test.submitted', 'pending', 0, ?, ?, ?)")) {
      int events = pending / endpoints;
      for (int i = 0; i < events; i++) {
        String eventId = "evt_" + HEX.toHexDigits((now << 16) + i) + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
        event.setString(1, eventId);
        event.setBytes(2, payload);
        event.setLong(3, now);
        event.addBatch();
        for (int e = 0; e < endpoints; e++) {
          String id = "whd_" + HEX.toHexDigits((now << 16) + (long) i * endpoints + e)
              + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
          deliveryIds.add(id);
          delivery.setString(1, id);
          delivery.setString(2, eventId);
          delivery.setString(3, endpointIds.get(e));
          delivery.setLong(4, dueAt(now, (long) i * endpoints + e)); // all due, in publish order
          delivery.setLong(5, now);
          delivery.setLong(6, now);
          delivery.addBatch();
        }
        if (i % 1000 == 999) {
          event.executeBatch();
          delivery.executeBatch();
        }
      }
      event.executeBatch();
      delivery.executeBatch();
    }
    connection.commit();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
    connection.commit();
  }

  private long dueAt(long now, long index) {
    return now - 10L * pending + index;
  }

  /** The candidate read with {@code excluded} placeholders for endpoints at their cap. */
  static String claimSql(int excluded) {
    return CANDIDATES.replace("/*EXCLUDED_ENDPOINTS*/", excluded == 0 ? ""
        : "AND d.endpoint_id NOT IN (" + String.join(", ", Collections.nCopies(excluded, "?")) + ")");
  }

  /** Leases and loads up to {@code limit} due deliveries, as JdbcDeliveryQueue.claimDue, in the current transaction. */
  int claim(Connection connection, String sql, List<String> excluded, int limit) throws SQLException {
    long now = System.currentTimeMillis();
    // Candidates (the read), then the lease of exactly those (the write), as JdbcDeliveryQueue.
    List<String> candidates = new ArrayList<>(limit);
    try (PreparedStatement read = connection.prepareStatement(sql)) {
      int p = 1;
      read.setLong(p++, now);
      read.setLong(p++, now);
      for (String id : excluded) {
        read.setString(p++, id);
      }
      read.setInt(p, limit);
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          candidates.add(rows.getString(1));
        }
      }
    }
    List<String> ids = new ArrayList<>(candidates.size());
    if (!candidates.isEmpty()) {
      try (PreparedStatement lease = connection.prepareStatement(
          LEASE.formatted(String.join(", ", Collections.nCopies(candidates.size(), "?"))))) {
        int p = 1;
        lease.setString(p++, OWNER);
        lease.setLong(p++, now + 60_000);
        lease.setLong(p++, now + 60_000);
        for (String id : candidates) {
          lease.setString(p++, id);
        }
        lease.setLong(p, now);
        try (ResultSet rows = lease.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
      }
    }
    int loaded = 0;
    if (!ids.isEmpty()) {
      try (PreparedStatement load = connection.prepareStatement(
          LOAD.formatted(String.join(", ", Collections.nCopies(ids.size(), "?"))))) {
        for (int i = 0; i < ids.size(); i++) {
          load.setString(i + 1, ids.get(i));
        }
        try (ResultSet rows = load.executeQuery()) {
          while (rows.next()) {
            loaded += rows.getBytes(8).length > 0 ? 1 : 0;
          }
        }
      }
    }
    return loaded;
  }

  /** Gives every lease back (auto-commit). */
  void releaseLeases(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL");
    }
  }

  /**
   * Records {@code count} successful attempts of random deliveries the way AttemptRecorder does
   * (attempt row, delivery update, endpoint update) inside the connection's current transaction;
   * the caller commits.
   */
  int recordAttempts(Connection connection, int count) throws SQLException {
    long now = System.currentTimeMillis();
    int changed = 0;
    try (PreparedStatement attempt = connection.prepareStatement(INSERT_ATTEMPT);
        PreparedStatement resolve = connection.prepareStatement(RESOLVE);
        PreparedStatement endpoint = connection.prepareStatement(ENDPOINT_SUCCESS)) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < count; i++) {
        int index = random.nextInt(deliveryIds.size());
        String deliveryId = deliveryIds.get(index);
        attempt.setString(1, "wha_" + HEX.toHexDigits((now << 16) + random.nextInt(65536)) + HEX.toHexDigits(random.nextLong()));
        attempt.setString(2, deliveryId);
        attempt.setInt(3, 1);
        attempt.setLong(4, now);
        attempt.setLong(5, 3);
        attempt.setString(6, "http://127.0.0.1:9/e/0");
        attempt.setString(7, headersJson);
        attempt.setInt(8, 200);
        attempt.setString(9, "[{\"name\":\"Content-Length\",\"value\":\"2\"}]");
        attempt.setBytes(10, new byte[] {'o', 'k'});
        attempt.setInt(11, 0);
        attempt.setNull(12, java.sql.Types.VARCHAR);
        changed += attempt.executeUpdate();
        resolve.setString(1, "pending");
        resolve.setInt(2, 1);
        resolve.setLong(3, dueAt(now, index));
        resolve.setInt(4, 200);
        resolve.setNull(5, java.sql.Types.VARCHAR);
        resolve.setLong(6, now);
        resolve.setLong(7, now);
        resolve.setString(8, deliveryId);
        changed += resolve.executeUpdate();
        endpoint.setLong(1, now);
        endpoint.setString(2, endpointIds.get(index % endpoints));
        endpoint.setLong(3, now - 1_000);
        changed += endpoint.executeUpdate();
      }
    }
    return changed;
  }

  void delete() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
