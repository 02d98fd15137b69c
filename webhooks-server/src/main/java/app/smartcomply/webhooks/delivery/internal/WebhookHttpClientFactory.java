package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the pooled HTTP client attempts are sent with: behind the SSRF guard, reading no more of
 * an answer's head than {@link ResponseHeadLimits} allow, following no redirect. Called again
 * whenever the shared client has to be replaced ({@link WebhookHttpClient}).
 */
final class WebhookHttpClientFactory implements Supplier<WebhookHttpClient.Built> {

    private final DeliveryProperties properties;
    private final DestinationPolicy destinations;
    private final ResponseHeadLimits headLimits;
    private final Optional<EgressRouting> egress;
    private final DnsResolver dns;

    WebhookHttpClientFactory(DeliveryProperties properties, DestinationPolicy destinations) {
        this(properties, destinations, Optional.empty());
    }

    /** @param egressProxy the operator's CONNECT proxy every attempt goes through ({@link EgressRouting}) */
    WebhookHttpClientFactory(DeliveryProperties properties, DestinationPolicy destinations, Optional<URI> egressProxy) {
        this(properties, destinations, egressProxy, SystemDefaultDnsResolver.INSTANCE);
    }

    /** @param dns the lookups the SSRF guard checks (the system's; a stand-in in tests) */
    WebhookHttpClientFactory(
            DeliveryProperties properties, DestinationPolicy destinations, Optional<URI> egressProxy, DnsResolver dns) {
        this.dns = dns;
        this.egress = egressProxy.map(EgressRouting::new);
        this.properties = properties;
        this.destinations = destinations;
        this.headLimits = ResponseHeadLimits.of(properties);
    }

    @Override
    public WebhookHttpClient.Built get() {
        Timeout timeout = Timeout.of(properties.timeout());
        GuardedDnsResolver guarded = new GuardedDnsResolver(destinations, dns);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(egress.map(e -> e.dnsResolver(guarded)).orElse(guarded))
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(headLimits.http1Config())
                        .responseParserFactory(headLimits.parserFactory())
                        .build())
                // The library's defaults (25 in all, 5 per host) would make the pool the bottleneck. A
                // route is a host and port, not an endpoint: endpoints on one host (a SaaS receiver, paths
                // per customer) share it, so a per-route cap would let a slow endpoint starve its
                // neighbours of connections. The engine caps each endpoint; the pool caps only the node.
                .setMaxConnTotal(properties.maxInFlight())
                .setMaxConnPerRoute(properties.maxInFlight())
                // Per-route pools instead of one lock over all routes: attempts to different endpoints
                // do not queue on each other to lease and return connections. The node-wide total is
                // then approximate, which is fine: the engine's in-flight cap is the real limit.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        HttpClientBuilder builder = HttpClients.custom();
        egress.ifPresent(e -> builder.setRoutePlanner(e.routePlanner())
                .addExecInterceptorFirst("egress-destination-check", e.destinationCheck(guarded)));
        CloseableHttpClient client = builder.setConnectionManager(connections)
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
        return new WebhookHttpClient.Built(client, connections);
    }
}
