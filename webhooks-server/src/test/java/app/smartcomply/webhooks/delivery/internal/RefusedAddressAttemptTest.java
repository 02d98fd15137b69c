package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.delivery.RetryPolicy;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.signature.SigningSecret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A production endpoint whose name now resolves to a private address: the guard refuses the
 * connection at send time, and that refusal ends the delivery and switches the endpoint off with
 * the guard's reason — it is not retried against the same refused address for days. The name is
 * resolved by a stand-in DNS that answers 10.0.0.7, so no packet leaves the machine.
 */
class RefusedAddressAttemptTest {

    private static final long NOW = 1_800_000_000_000L;

    private final DestinationPolicy production = new DestinationPolicy(false);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final WebhookHttpClient clients = new WebhookHttpClient(
            () -> {
                DnsResolver privateAnswer = new DnsResolver() {
                    @Override
                    public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};
                    }

                    @Override
                    public String resolveCanonicalHostname(String host) {
                        return host;
                    }

                    @Override
                    public List<InetSocketAddress> resolve(String host, int port) throws java.net.UnknownHostException {
                        return List.of(new InetSocketAddress(resolve(host)[0], port));
                    }
                };
                PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(production, privateAnswer))
                        .build();
                return new WebhookHttpClient.Built(
                        HttpClients.custom().setConnectionManager(pool).build(), pool);
            },
            new SimpleMeterRegistry());
    private final WebhookSender sender =
            new WebhookSender(clients, production, timer, Clock.systemUTC(), Duration.ofSeconds(5), 64 * 1024, "test");
    private final AttemptPlanner planner = new AttemptPlanner(RetryPolicy.defaults(), new SplittableRandom(1));

    @AfterEach
    void close() {
        clients.close();
        timer.shutdownNow();
    }

    @Test
    void aNameResolvingToAPrivateAddressEndsTheDeliveryAndDisablesTheEndpoint() {
        AttemptResult result =
                sender.send(delivery("https://hooks.customer.example/in"), List.of(SigningSecret.generate()));

        assertThat(result.status()).isNull();
        assertThat(result.error()).startsWith("Refused by the SSRF guard").contains("10.0.0.7");
        NextStep next = planner.plan(result, 1, NOW);
        assertThat(next.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(next.nextAttemptAt()).isNull();
        assertThat(next.disableEndpointReason())
                .startsWith("Deliveries refused by the destination policy")
                .contains("10.0.0.7");
    }

    @Test
    void otherFailuresWithoutAnAnswerAreStillRetried() {
        NextStep next =
                planner.plan(AttemptResult.failed(NOW, 3, List.of(), "Connection refused: nobody home"), 1, NOW);
        assertThat(next.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(next.disableEndpointReason()).isNull();
    }

    private static ClaimedDelivery delivery(String url) {
        return new ClaimedDelivery(
                "dlv_1",
                "acc_1",
                "evt_1",
                "test.submitted",
                "ep_1",
                url,
                0,
                "{}".getBytes(StandardCharsets.UTF_8),
                null,
                Long.MAX_VALUE);
    }
}
