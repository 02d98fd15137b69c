package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.delivery.EndpointHealthListener;
import app.smartcomply.webhooks.egress.EgressSettings;
import app.smartcomply.webhooks.endpoint.AsymmetricSigning;
import app.smartcomply.webhooks.endpoint.DeliveryHeaders;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.endpoint.RateLimitedEndpoints;
import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import app.smartcomply.webhooks.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the engine: one shared pooled HTTP client behind the SSRF guard, the queue, the loop. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    DispatchSignal dispatchSignal() {
        return new DispatchSignal();
    }

    /** The engine's form of every delivery statement, chosen once. */
    @Bean
    DeliverySql deliverySql(Dialect dialect, JdbcTemplate jdbc) {
        return DeliverySql.of(dialect, jdbc);
    }

    /** The statements on deliveries a person or the CLI starts. */
    @Bean
    ManualDeliverySql manualDeliverySql(JdbcTemplate jdbc) {
        return new ManualDeliverySql(jdbc);
    }

    @Bean
    JdbcDeliveryQueue deliveryQueue(
            DeliverySql sql,
            TransactionTemplate tx,
            GroupCommitter commits,
            PrefixedIds ids,
            Clock clock,
            DispatchSignal signal) {
        JdbcDeliveryQueue queue = new JdbcDeliveryQueue(sql, tx, commits, ids, clock);
        signal.whenWorkAdded(queue::workAdded);
        queue.wakeForPromotedWith(signal);
        return queue;
    }

    @Bean(destroyMethod = "close")
    WebhookHttpClient webhookHttpClient(
            DeliveryProperties properties,
            DestinationPolicy destinations,
            MeterRegistry registry,
            EgressSettings egress) {
        return new WebhookHttpClient(new WebhookHttpClientFactory(properties, destinations, egress.proxy()), registry);
    }

    /**
     * {@code webhookHttpClient} in {@code /actuator/health}: DOWN while the shared client's pool is
     * shut down — nothing can be delivered then — until the next attempt replaces it.
     */
    @Bean
    HealthIndicator webhookHttpClientHealthIndicator(WebhookHttpClient webhookHttpClient) {
        return () -> webhookHttpClient.usable()
                ? Health.up().build()
                : Health.down()
                        .withDetail("error", "Connection pool shut down; the next attempt replaces the client")
                        .build();
    }

    /**
     * The timer of every attempt's deadline (and of rate-limit wake-ups). A deadline cancelled
     * because its attempt ended leaves the queue at once: kept until it would have fired, it holds
     * its request — payload and headers — for the whole send timeout: at thousands of attempts a
     * second, tens of thousands of finished requests, old enough to be promoted to the old
     * generation.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService attemptDeadlines() {
        var timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("attempt-deadlines").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Each rate-limited endpoint's limiter: shared rows on PostgreSQL, this node's memory on SQLite. */
    @Bean
    EndpointRates endpointRates(
            Dialect dialect,
            JdbcTemplate jdbc,
            RateLimitedEndpoints limited,
            Clock clock,
            DispatchSignal signal,
            ScheduledExecutorService attemptDeadlines) {
        RateBuckets buckets = dialect.embedded()
                ? RateBuckets.inMemory()
                : new PostgresRateBuckets(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc));
        return new EndpointRates(limited::current, buckets, clock, attemptDeadlines, signal::fire);
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry registry, JdbcDeliveryQueue queue, Clock clock) {
        return new DeliveryMetrics(registry, queue, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "webhooks.delivery.enabled", havingValue = "true", matchIfMissing = true)
    DeliveryEngine deliveryEngine(
            JdbcDeliveryQueue queue,
            WebhookHttpClient webhookHttpClient,
            DestinationPolicy destinations,
            ScheduledExecutorService attemptDeadlines,
            EndpointsForDelivery endpoints,
            GroupCommitter commits,
            DeliveryMetrics metrics,
            DispatchSignal signal,
            Clock clock,
            Dialect dialect,
            DeliveryProperties properties,
            @Value("${webhooks.node-id:}") String configuredNodeId,
            @Value("${webhooks.version:dev}") String version,
            @Value("${webhooks.delivery.record-batch-size:100}") int recordBatchSize,
            Tracing tracing,
            List<EndpointHealthListener> healthListeners,
            AsymmetricSigning asymmetricSigning,
            DeliveryHeaders deliveryHeaders,
            EndpointRates rates) {
        WebhookSender sender = new WebhookSender(
                webhookHttpClient,
                destinations,
                attemptDeadlines,
                clock,
                properties.timeout(),
                (int) properties.maxResponseBody().toBytes(),
                "SmartComply-Webhooks/" + version,
                tracing,
                (delivery, timestamp) -> asymmetricSigning.v1aEntries(
                        delivery.endpointId(), delivery.eventId(), timestamp, delivery.payload()),
                deliveryHeaders::forDelivery);
        AttemptRecorder recorder = new AttemptRecorder(
                queue, endpoints, commits, clock, properties.autoDisableAfter(), recordBatchSize, healthListeners);
        // Planned on many virtual threads at once: the default generator is not thread-safe, and racing
        // on its state can hand a burst of failures the same jitter — the very thing jitter is to avoid.
        RandomGenerator jitter = () -> ThreadLocalRandom.current().nextLong();
        AttemptPlanner planner = new AttemptPlanner(properties.retryPolicy(), jitter);
        // On the embedded store only this process sends, so any lease found at start-up is a leftover
        // of a crash: give them all back now rather than wait for them to expire.
        Runnable beforeStart = dialect.embedded()
                ? () -> {
                    int released = queue.releaseEveryLease();
                    if (released > 0) {
                        log.info("Resuming {} deliveries that were in flight when the service last stopped", released);
                    }
                }
                : () -> {};
        return new DeliveryEngine(
                queue,
                sender,
                planner,
                recorder,
                endpoints,
                metrics,
                signal,
                clock,
                properties,
                rates,
                nodeId(configuredNodeId),
                beforeStart);
    }

    private static String nodeId(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        byte[] random = new byte[4];
        new java.security.SecureRandom().nextBytes(random);
        // pid + random: a restarted process on the same host is a new owner, never mistaken for the old.
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + HexFormat.of().formatHex(random);
    }
}
