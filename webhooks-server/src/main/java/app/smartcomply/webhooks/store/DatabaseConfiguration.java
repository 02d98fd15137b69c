package app.smartcomply.webhooks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Chooses the engine and builds the connection pool and migrations for it.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit that returned is on disk, which
 * is what a 202 from the publish API promises. Write transactions start with {@code BEGIN
 * IMMEDIATE} so two writers never deadlock upgrading read locks; {@code busy_timeout} makes the
 * second writer wait instead of failing. The file is kept in {@code auto_vacuum = INCREMENTAL} mode
 * ({@link SqliteFile}) so that purged space can be given back.
 *
 * <p>The data directory and everything in it are the service account's alone ({@link
 * OwnerOnlyFiles}: 0700 and 0600).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  @Bean
  Dialect dialect(StoreProperties properties) {
    return properties.usesPostgres() ? new PostgresDialect() : new SqliteDialect();
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(StoreProperties properties) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("webhooks-db");
    if (properties.usesPostgres()) {
      PostgresUrl url = PostgresUrl.parse(properties.databaseUrl());
      config.setJdbcUrl(url.jdbcUrl());
      if (url.username() != null) {
        config.setUsername(url.username());
      }
      if (url.password() != null) {
        config.setPassword(url.password());
      }
      config.setMaximumPoolSize(poolSize(properties, 16));
      // Fail fast while the database is down: the API answers 503 instead of hanging.
      config.setConnectionTimeout(2_000);
      config.setInitializationFailTimeout(-1);
      log.info("Store: PostgreSQL at {}", url);
    } else {
      var file = properties.dataDir().resolve("webhooks.db").toAbsolutePath();
      // Owner-only before SQLite opens it: SQLite gives the -wal, -shm and -journal files it
      // creates later the mode of the database file, so they are born 0600 too.
      OwnerOnlyFiles.directoryAndContents(properties.dataDir());
      OwnerOnlyFiles.file(file);
      SqliteFile.prepare(file);
      config.setJdbcUrl("jdbc:sqlite:" + file);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", "30000");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      config.addDataSourceProperty("foreign_keys", "true");
      // After a checkpoint the WAL file is cut back to this size instead of keeping its largest.
      config.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
      config.setMaximumPoolSize(poolSize(properties, 8));
      config.setConnectionTimeout(30_000);
      log.info("Store: SQLite at {}", file);
    }
    return new HikariDataSource(config);
  }

  private static int poolSize(StoreProperties properties, int fallback) {
    return properties.maxPoolSize() != null ? properties.maxPoolSize() : fallback;
  }

  /** Connections outside the pool (for LISTEN); there is no such bean on SQLite. */
  @Bean
  @Conditional(OnPostgresStore.class)
  PostgresConnector postgresConnector(StoreProperties properties) {
    return new PostgresConnector(PostgresUrl.parse(properties.databaseUrl()));
  }

  @Bean
  FlywayConfigurationCustomizer migrationsPerEngine(Dialect dialect) {
    return configuration -> configuration.locations("classpath:db/migration/" + dialect.name());
  }

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  JdbcTransactionManager transactionManager(DataSource dataSource) {
    return new JdbcTransactionManager(dataSource);
  }

  @Bean(destroyMethod = "close")
  GroupCommitter groupCommitter(JdbcTransactionManager transactionManager, Dialect dialect) {
    return dialect instanceof SqliteDialect
        ? new GroupCommitter(transactionManager, 512, 8192)
        : GroupCommitter.passThrough(transactionManager);
  }

  @Bean
  TransactionTemplate transactionTemplate(JdbcTransactionManager transactionManager) {
    return new TransactionTemplate(transactionManager);
  }
}
