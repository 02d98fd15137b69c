package app.smartcomply.webhooks.retention;

import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.GroupCommitter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the purge for the configured engine and schedules it. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RetentionConfiguration.class);

    @Bean
    Purger purger(
            RetentionProperties properties,
            RetentionHorizon horizon,
            GroupCommitter commits,
            JdbcClient jdbc,
            DataSource dataSource,
            Dialect dialect,
            MeterRegistry registry,
            @Value("${webhooks.retention.rest-ratio:1.0}") double restRatio) {
        if (properties.period().compareTo(Duration.ofDays(1)) < 0) {
            log.warn(
                    "WEBHOOKS_RETENTION is {}: events, deliveries and their attempts are deleted that soon after they"
                            + " end. Meant for tests; customers usually need days to look into a failed delivery.",
                    RetentionHorizon.describe(properties.period()));
        }
        log.info(
                "Retention: data is kept for {}; purge every {}",
                RetentionHorizon.describe(properties.period()),
                RetentionHorizon.describe(properties.purgeInterval()));
        boolean sqlite = dialect.embedded();
        PurgePace pace = new PurgePace(restRatio, Duration.ofSeconds(1));
        return new Purger(
                horizon,
                properties.batchSize(),
                commits,
                new EventPurge(jdbc, dialect),
                new EndpointPurge(jdbc),
                sqlite ? RoundLock.none() : RoundLock.advisory(dataSource),
                sqlite ? Optional.of(new SqliteSpace(new JdbcTemplate(dataSource), commits, pace)) : Optional.empty(),
                pace,
                new PurgeMetrics(registry));
    }

    @Bean
    PurgeSchedule purgeSchedule(Purger purger, RetentionProperties properties) {
        return new PurgeSchedule(purger, properties.purgeInterval());
    }
}
