package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.endpoint.ForbiddenDestinationException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard as HttpClient really uses it: a real classic client with a pooled connection manager
 * posts to a real HTTP server on 127.0.0.1. Only DNS is faked (with a delegate resolver), since DNS
 * is the one part that lives outside this machine.
 */
class GuardedDnsResolverTest {

    private static final InetAddress PUBLIC = address(93, 184, 215, 14);
    private static final InetAddress LOOPBACK = address(127, 0, 0, 1);

    private HttpServer server;
    private final AtomicInteger requestsReceived = new AtomicInteger();

    @BeforeEach
    void startLoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", exchange -> {
            requestsReceived.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @ParameterizedTest(name = "http://{0}:port/")
    @ValueSource(
            strings = {
                "127.0.0.1", "localhost", "localhost.", "foo.localhost", "2130706433", "0177.0.0.1",
                "0x7f.0.0.1", "0x7f000001", "127.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
                "[0:0:0:0:0:ffff:127.0.0.1]", "[::127.0.0.1]",
            })
    void refusesLoopbackInEverySpelling(String host) throws IOException {
        RecordingDns dns = new RecordingDns(SystemDefaultDnsResolver.INSTANCE);
        try (CloseableHttpClient client = client(new GuardedDnsResolver(new DestinationPolicy(false), dns))) {
            assertThatThrownBy(() -> post(client, "http://" + host + ":" + port() + "/hook"))
                    .isInstanceOf(ForbiddenDestinationException.class)
                    .hasMessageStartingWith("refused: ")
                    .hasMessageEndingWith("(SSRF guard; allowed only in dev mode)");
        }
        assertThat(requestsReceived).hasValue(0);
        // Literals and local-only names are refused before any lookup: DNS never sees them.
        assertThat(dns.lookups).isEmpty();
    }

    @ParameterizedTest(name = "http://{0}:port/")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "localhost",
                "2130706433",
                "0177.0.0.1",
                "0x7f.0.0.1",
                "127.1",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
            })
    void devModeReachesTheLoopbackServer(String host) throws IOException {
        try (CloseableHttpClient client = client(new GuardedDnsResolver(new DestinationPolicy(true)))) {
            assertThat(post(client, "http://" + host + ":" + port() + "/hook")).isEqualTo("ok");
        }
        assertThat(requestsReceived).hasValue(1);
    }

    @Test
    void refusesANameThatResolvesToLoopback() throws IOException {
        FakeDns dns = new FakeDns().answer("hooks.example.com", LOOPBACK);
        try (CloseableHttpClient client = client(new GuardedDnsResolver(new DestinationPolicy(false), dns))) {
            assertThatThrownBy(() -> post(client, "http://hooks.example.com:" + port() + "/hook"))
                    .isInstanceOf(ForbiddenDestinationException.class)
                    .hasMessage(
                            "refused: hooks.example.com resolves to 127.0.0.1, a loopback address (SSRF guard; allowed only in dev mode)");
        }
        assertThat(requestsReceived).hasValue(0);
    }

    @Test
    void devModeConnectsToWhatTheNameResolvesTo() throws IOException {
        FakeDns dns = new FakeDns().answer("hooks.example.com", LOOPBACK);
        try (CloseableHttpClient client = client(new GuardedDnsResolver(new DestinationPolicy(true), dns))) {
            assertThat(post(client, "http://hooks.example.com:" + port() + "/hook"))
                    .isEqualTo("ok");
        }
        assertThat(requestsReceived).hasValue(1);
    }

    @Test
    void dnsRebindingIsCaughtAtConnectionTime() throws IOException {
        // First answer public (what a save-time or earlier check would have seen), then loopback.
        FakeDns dns = new FakeDns().answer("rebind.example.com", PUBLIC).answer("rebind.example.com", LOOPBACK);
        GuardedDnsResolver resolver = new GuardedDnsResolver(new DestinationPolicy(false), dns);

        assertThat(resolver.resolve("rebind.example.com")).containsExactly(PUBLIC);
        try (CloseableHttpClient client = client(resolver)) {
            assertThatThrownBy(() -> post(client, "http://rebind.example.com:" + port() + "/hook"))
                    .isInstanceOf(ForbiddenDestinationException.class)
                    .hasMessageContaining("rebind.example.com resolves to 127.0.0.1, a loopback address");
        }
        assertThat(requestsReceived).hasValue(0);
    }

    @Test
    void oneForbiddenRecordAmongPublicOnesRefusesTheHost() throws IOException {
        // The forbidden record comes second: filtering or "first address wins" would let it through
        // as soon as the public address fails to connect.
        FakeDns dns = new FakeDns().answer("mixed.example.com", PUBLIC, LOOPBACK);
        try (CloseableHttpClient client = client(new GuardedDnsResolver(new DestinationPolicy(false), dns))) {
            assertThatThrownBy(() -> post(client, "http://mixed.example.com:" + port() + "/hook"))
                    .isInstanceOf(ForbiddenDestinationException.class)
                    .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
        }
        assertThat(requestsReceived).hasValue(0);
    }

    @Test
    void refusalIsFinalForHttpClientAndNotRetried() throws IOException {
        RecordingDns dns = new RecordingDns(new FakeDns().answer("hooks.example.com", LOOPBACK));
        // Default retry strategy and an idempotent GET on purpose: the strategy would retry most
        // I/O errors, but UnknownHostException (and so this subclass) is on its non-retriable list.
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(new DestinationPolicy(false), dns))
                        .build())
                .build()) {
            HttpGet get = new HttpGet("http://hooks.example.com:" + port() + "/hook");
            assertThatThrownBy(() -> client.execute(get, response -> response.getCode()))
                    .isExactlyInstanceOf(ForbiddenDestinationException.class);
        }
        assertThat(dns.lookups).containsExactly("hooks.example.com");
    }

    @Test
    void refusesAddressesTheDelegateLeavesUnresolved() {
        DnsResolver deferring = new FakeDns() {
            @Override
            public List<InetSocketAddress> resolve(String host, int port) {
                return List.of(InetSocketAddress.createUnresolved(host, port));
            }
        };
        GuardedDnsResolver production = new GuardedDnsResolver(new DestinationPolicy(false), deferring);
        assertThatThrownBy(() -> production.resolve("hooks.example.com", 443))
                .isInstanceOf(ForbiddenDestinationException.class)
                .hasMessageContaining("not resolved to an address that could be checked");
    }

    @Test
    void bothResolveOverloadsAreGuarded() throws UnknownHostException {
        FakeDns dns = new FakeDns()
                .answer("private.example.com", address(10, 0, 0, 5))
                .answer("private.example.com", address(10, 0, 0, 5))
                .answer("public.example.com", PUBLIC)
                .answer("public.example.com", PUBLIC);
        GuardedDnsResolver resolver = new GuardedDnsResolver(new DestinationPolicy(false), dns);

        assertThatThrownBy(() -> resolver.resolve("private.example.com"))
                .hasMessage(
                        "refused: private.example.com resolves to 10.0.0.5, a private address (SSRF guard; allowed only in dev mode)");
        assertThatThrownBy(() -> resolver.resolve("private.example.com", 443))
                .isInstanceOf(ForbiddenDestinationException.class);
        assertThat(resolver.resolve("public.example.com")).containsExactly(PUBLIC);
        assertThat(resolver.resolve("public.example.com", 443)).containsExactly(new InetSocketAddress(PUBLIC, 443));
    }

    @Test
    void ipLiteralsNeverReachTheDelegate() throws UnknownHostException {
        RecordingDns dns = new RecordingDns(new FakeDns());
        GuardedDnsResolver resolver = new GuardedDnsResolver(new DestinationPolicy(false), dns);

        assertThat(resolver.resolve("0x5d.0xb8.0xd7.0x0e", 443)).containsExactly(new InetSocketAddress(PUBLIC, 443));
        assertThat(resolver.resolve("[2606:4700::1111]")).hasSize(1);
        assertThat(dns.lookups).isEmpty();
    }

    @Test
    void invalidOrUnknownHostsAreUnknownNotForbidden() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(new DestinationPolicy(false), new FakeDns());
        assertThatThrownBy(() -> resolver.resolve("1.2.3.256"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(ForbiddenDestinationException.class);
        assertThatThrownBy(() -> resolver.resolve("nowhere.example.com", 443))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(ForbiddenDestinationException.class);
    }

    @Test
    void canonicalHostnameIsDelegated() throws UnknownHostException {
        GuardedDnsResolver resolver = new GuardedDnsResolver(new DestinationPolicy(false), new FakeDns());
        assertThat(resolver.resolveCanonicalHostname("www.example.com")).isEqualTo("canonical.www.example.com");
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static CloseableHttpClient client(DnsResolver resolver) {
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(2))
                                .setSocketTimeout(Timeout.ofSeconds(5))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries();
        return builder.build();
    }

    private static String post(CloseableHttpClient client, String url) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity("{\"id\":\"evt_1\"}", ContentType.APPLICATION_JSON));
        return client.execute(post, response -> EntityUtils.toString(response.getEntity()));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** DNS as the outside world might answer it: scripted answers, consumed one per lookup. */
    static class FakeDns implements DnsResolver {
        private final Map<String, Deque<InetAddress[]>> answers = new HashMap<>();

        FakeDns answer(String host, InetAddress... addresses) {
            answers.computeIfAbsent(host, h -> new ArrayDeque<>()).add(addresses);
            return this;
        }

        @Override
        public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
            Deque<InetAddress[]> queue = answers.getOrDefault(host, new ArrayDeque<>());
            if (queue.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return queue.size() == 1 ? queue.peek() : queue.poll(); // the last answer sticks
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return "canonical." + host;
        }
    }

    /** Remembers which names were looked up. */
    static final class RecordingDns implements DnsResolver {
        final List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        private final DnsResolver delegate;

        RecordingDns(DnsResolver delegate) {
            this.delegate = delegate;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.add(host);
            return delegate.resolve(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return delegate.resolveCanonicalHostname(host);
        }
    }
}
