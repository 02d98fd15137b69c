package app.smartcomply.webhooks.store;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses the engine and builds the connection pool and migrations for it.
 *
 * <p>The pool itself, with SQLite's pragmas and the data directory's owner-only modes, is built by
 * {@link StoreDataSource}, which offline tools use too. The SQLite file is kept in {@code
 * auto_vacuum = INCREMENTAL} mode ({@link SqliteFile}) so that purged space can be given back.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    Dialect dialect(StoreProperties properties) {
        return properties.usesPostgres() ? new PostgresDialect() : new SqliteDialect();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(StoreProperties properties) {
        return StoreDataSource.open(properties);
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
    TransactionStatements transactionStatements(JdbcTemplate template) {
        return new TransactionStatements(template);
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean(destroyMethod = "close")
    GroupCommitter groupCommitter(
            JdbcTransactionManager transactionManager, Dialect dialect, StoreProperties properties) {
        // One writer at a time: units are funnelled through one thread and committed in groups.
        return dialect.embedded()
                ? new GroupCommitter(transactionManager, 512, 8192, properties.commitDelay())
                : GroupCommitter.passThrough(transactionManager);
    }

    @Bean
    TransactionTemplate transactionTemplate(JdbcTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }
}
