package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.DeliveryProperties;
import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.testkit.ConnectProxy;
import app.smartcomply.webhooks.testkit.TestReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy under the production destination policy: the proxy on 127.0.0.1 is the
 * operator's and is used, while a destination the policy refuses is refused before any CONNECT.
 * Names are answered by a stand-in DNS and the proxy sends every tunnel to a loopback receiver,
 * so no packet leaves the machine.
 */
class EgressRoutingTest {

    private final DestinationPolicy production = new DestinationPolicy(false);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final TestReceiver receiver = TestReceiver.start();
    private final ConnectProxy proxy;
    private final WebhookHttpClient clients;
    private final WebhookSender sender;

    EgressRoutingTest() throws Exception {
        URI receiverUri = URI.create(receiver.url());
        proxy = ConnectProxy.toUpstream(new InetSocketAddress("127.0.0.1", receiverUri.getPort()));
        DeliveryProperties defaults = new DeliveryProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
        clients = new WebhookHttpClient(
                new WebhookHttpClientFactory(defaults, production, Optional.of(URI.create(proxy.url())), standInDns()),
                new SimpleMeterRegistry());
        sender = new WebhookSender(
                clients, production, timer, Clock.systemUTC(), Duration.ofSeconds(5), 64 * 1024, "test");
    }

    @AfterEach
    void close() throws Exception {
        clients.close();
        timer.shutdownNow();
        proxy.close();
        receiver.close();
    }

    @Test
    void aDestinationTheGuardAllowsIsReachedThroughTheProxyOnALoopbackAddress() {
        AttemptResult result =
                sender.send(delivery("https://public.customer.example/hooks"), List.of(SigningSecret.generate()));

        // The CONNECT went out through the operator's proxy on 127.0.0.1, for the destination's name;
        // the tunnel leads to a plain-HTTP receiver here, so the TLS handshake that follows fails.
        assertThat(proxy.connectTargets()).containsExactly("public.customer.example:443");
        assertThat(result.status()).isNull();
        assertThat(result.error()).doesNotStartWith("Refused by the SSRF guard");
    }

    @Test
    void aDestinationResolvingToARefusedAddressIsRefusedBeforeAnyConnect() {
        AttemptResult result =
                sender.send(delivery("https://private.customer.example/hooks"), List.of(SigningSecret.generate()));

        assertThat(result.status()).isNull();
        assertThat(result.error()).startsWith("Refused by the SSRF guard").contains("10.0.0.7");
        assertThat(proxy.connectTargets()).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void destinationsRefusedOnTheirFaceAreRefusedBeforeAnyConnect() {
        for (String refused : List.of(
                receiver.url(),
                "https://10.0.0.7/hooks",
                "https://169.254.169.254/latest/meta-data",
                "https://[::1]:8080/",
                "https://localhost/hooks",
                "https://127.0.0.1:" + URI.create(proxy.url()).getPort() + "/")) {
            AttemptResult result = sender.send(delivery(refused), List.of(SigningSecret.generate()));

            assertThat(result.status()).as(refused).isNull();
            assertThat(result.error()).as(refused).startsWith("Refused by the SSRF guard");
        }
        assertThat(proxy.connectTargets()).isEmpty();
    }

    /** A stand-in DNS: private.* answers 10.0.0.7, anything else the public 93.184.215.14. */
    private static DnsResolver standInDns() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                byte[] address = host.startsWith("private.")
                        ? new byte[] {10, 0, 0, 7}
                        : new byte[] {93, (byte) 184, (byte) 215, 14};
                return new InetAddress[] {InetAddress.getByAddress(host, address)};
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return List.of(new InetSocketAddress(resolve(host)[0], port));
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
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
