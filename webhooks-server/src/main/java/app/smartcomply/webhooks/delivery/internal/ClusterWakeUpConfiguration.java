package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.OnPostgresStore;
import app.smartcomply.webhooks.store.PostgresConnector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wake-ups across nodes on PostgreSQL: every node announces committed work with {@code NOTIFY};
 * every node that sends listens. On SQLite there is one node and none of this exists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnPostgresStore.class)
class ClusterWakeUpConfiguration {

    @Bean
    PostgresNotifier postgresNotifier(JdbcClient jdbc, DispatchSignal signal) {
        PostgresNotifier notifier = new PostgresNotifier(jdbc);
        signal.announceToOtherNodesWith(notifier::request);
        return notifier;
    }

    /** Only a node that sends needs to hear: an API-only node ({@code webhooks.delivery.enabled=false}) does not. */
    @Bean
    @ConditionalOnProperty(name = "webhooks.delivery.enabled", havingValue = "true", matchIfMissing = true)
    PostgresListener postgresListener(PostgresConnector connector, DispatchSignal signal, PostgresNotifier notifier) {
        return new PostgresListener(connector, signal, notifier.senderId());
    }
}
