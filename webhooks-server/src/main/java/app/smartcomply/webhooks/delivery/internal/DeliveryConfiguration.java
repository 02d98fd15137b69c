package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import app.smartcomply.webhooks.store.SqliteDialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the engine: one pooled HTTP client behind the SSRF guard, the queue, the loop. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

  @Bean
  DispatchSignal dispatchSignal() {
    return new DispatchSignal();
  }

  @Bean
  DeliveryWrites deliveryWrites(Dialect dialect, JdbcTemplate jdbc) {
    return DeliveryWrites.forDialect(dialect, jdbc);
  }

  @Bean
  JdbcDeliveryQueue deliveryQueue(
      JdbcClient jdbc, DeliveryWrites writes, TransactionTemplate tx, GroupCommitter commits, Dialect dialect,
      PrefixedIds ids, Clock clock, DispatchSignal signal) {
    JdbcDeliveryQueue queue = new JdbcDeliveryQueue(jdbc, writes, tx, commits, dialect, ids, clock);
    signal.whenWorkAdded(queue::workAdded);
    return queue;
  }

  @Bean(destroyMethod = "close")
  CloseableHttpClient webhookHttpClient(DeliveryProperties properties, DestinationPolicy destinations) {
    Timeout timeout = Timeout.of(properties.timeout());
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(new GuardedDnsResolver(destinations))
        // The library's defaults (25 in all, 5 per host) would make the pool the bottleneck. A
        // route is a host and port, not an endpoint: endpoints on one host (a SaaS receiver, paths
        // per customer) share it, so a per-route cap would let a slow endpoint starve its
        // neighbours of connections. The engine caps each endpoint; the pool caps only the node.
        .setMaxConnTotal(properties.maxInFlight())
        .setMaxConnPerRoute(properties.maxInFlight())
        // Per-route pools instead of one lock over all routes: attempts to different endpoints
        // do not queue on each other to lease and return connections. The node-wide total is
        // then approximate, which is fine: the engine's in-flight cap is the real limit.
        .setPoolConcurrencyPolicy(org.apache.hc.core5.pool.PoolConcurrencyPolicy.LAX)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(timeout)
            .setSocketTimeout(timeout)
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .setTimeToLive(TimeValue.ofMinutes(5))
            .build())
        .build();
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectionRequestTimeout(timeout)
            .setResponseTimeout(timeout)
            .build())
        // A 3xx is the receiver's answer, recorded as a failure — never followed, which could
        // also lead the request somewhere the SSRF guard did not vet.
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .evictIdleConnections(TimeValue.ofSeconds(30))
        .evictExpiredConnections()
        .build();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService attemptDeadlines() {
    return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("attempt-deadlines").daemon().factory());
  }

  @Bean
  DeliveryMetrics deliveryMetrics(MeterRegistry registry, JdbcDeliveryQueue queue, Clock clock) {
    return new DeliveryMetrics(registry, queue, clock);
  }

  @Bean
  @ConditionalOnProperty(name = "webhooks.delivery.enabled", havingValue = "true", matchIfMissing = true)
  DeliveryEngine deliveryEngine(
      JdbcDeliveryQueue queue,
      CloseableHttpClient webhookHttpClient,
      DestinationPolicy destinations,
      ScheduledExecutorService attemptDeadlines,
      EndpointService endpoints,
      GroupCommitter commits,
      DeliveryMetrics metrics,
      DispatchSignal signal,
      Clock clock,
      Dialect dialect,
      DeliveryProperties properties,
      @Value("${webhooks.node-id:}") String configuredNodeId,
      @Value("${webhooks.version:dev}") String version,
      @Value("${webhooks.delivery.record-batch-size:100}") int recordBatchSize) {
    WebhookSender sender = new WebhookSender(
        webhookHttpClient, destinations, attemptDeadlines, clock, properties.timeout(),
        (int) properties.maxResponseBody().toBytes(), "SmartComply-Webhooks/" + version);
    GroupCommitRecorder recorder = new GroupCommitRecorder(
        new AttemptRecorder(queue, endpoints, commits, clock, properties.autoDisableAfter()), recordBatchSize);
    // Planned on many virtual threads at once: the default generator is not thread-safe, and racing
    // on its state can hand a burst of failures the same jitter — the very thing jitter is to avoid.
    RandomGenerator jitter = () -> ThreadLocalRandom.current().nextLong();
    AttemptPlanner planner = new AttemptPlanner(properties.retryPolicy(), jitter);
    // On the embedded store only this process sends, so any lease found at start-up is a leftover
    // of a crash: give them all back now rather than wait for them to expire.
    Runnable beforeStart = dialect instanceof SqliteDialect
        ? () -> {
            int released = queue.releaseEveryLease();
            if (released > 0) {
              log.info("Resuming {} deliveries that were in flight when the service last stopped", released);
            }
          }
        : () -> {};
    return new DeliveryEngine(queue, sender, planner, recorder, endpoints, metrics, signal, clock, properties,
        nodeId(configuredNodeId), beforeStart);
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
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + HexFormat.of().formatHex(random);
  }
}
