package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.endpoint.DestinationPolicy;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.testkit.TestReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} thrown inside HttpClient while one attempt runs — the library then shuts its
 * pool for good — stays that attempt's problem: it fails (or, for an OutOfMemoryError, ends) that
 * attempt, the shared client is replaced, and the next attempt to a well-behaved receiver goes
 * through. The Error comes from a request interceptor: the one way to raise an Error inside the
 * real client on demand.
 */
class ErrorInsideAnAttemptTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final WebhookHttpClient clients = new WebhookHttpClient(clientThrowingOnPath(), registry);
    private final WebhookSender sender = new WebhookSender(
            clients, new DestinationPolicy(true), timer, Clock.systemUTC(), Duration.ofSeconds(5), 64 * 1024, "test");

    @AfterEach
    void close() {
        clients.close();
        timer.shutdownNow();
    }

    @Test
    void aStackOverflowFailsThatAttemptAndTheNextOneGoesThrough() {
        try (TestReceiver receiver = TestReceiver.start()) {
            AttemptResult failed = sender.send(delivery(receiver.url("/stack-overflow")), secrets());

            assertThat(failed.status()).isNull();
            assertThat(failed.error())
                    .isEqualTo("Internal error in the service while making this attempt (StackOverflowError).");
            assertThat(clients.usable()).isTrue(); // replaced at once, not only at the next attempt

            AttemptResult next = sender.send(delivery(receiver.url("/fine")), secrets());
            assertThat(next.succeeded()).as("%s", next.error()).isTrue();
            assertThat(receiver.received())
                    .extracting(TestReceiver.Received::path)
                    .containsExactly("/fine");
            assertThat(registry.counter("webhooks.delivery.http.client.rebuilds")
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowedButTheNextAttemptStillGoesThrough() {
        try (TestReceiver receiver = TestReceiver.start()) {
            assertThatThrownBy(() -> sender.send(delivery(receiver.url("/out-of-memory")), secrets()))
                    .isInstanceOf(OutOfMemoryError.class);
            assertThat(clients.usable()).isFalse(); // what HttpClient did to its pool on the way out

            AttemptResult next = sender.send(delivery(receiver.url("/fine")), secrets());
            assertThat(next.succeeded()).as("%s", next.error()).isTrue();
            assertThat(clients.usable()).isTrue();
            assertThat(registry.counter("webhooks.delivery.http.client.rebuilds")
                            .count())
                    .isEqualTo(1);
        }
    }

    /** Each client built, as the factory would, but throwing the Error its path names. */
    private static Supplier<WebhookHttpClient.Built> clientThrowingOnPath() {
        return () -> {
            PoolingHttpClientConnectionManager pool =
                    PoolingHttpClientConnectionManagerBuilder.create().build();
            return new WebhookHttpClient.Built(
                    HttpClients.custom()
                            .setConnectionManager(pool)
                            .addRequestInterceptorFirst((request, entity, context) -> {
                                switch (request.getPath()) {
                                    case "/stack-overflow" -> throw new StackOverflowError("simulated");
                                    case "/out-of-memory" -> throw new OutOfMemoryError("simulated");
                                    default -> {}
                                }
                            })
                            .build(),
                    pool);
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

    private static List<SigningSecret> secrets() {
        return List.of(SigningSecret.generate());
    }
}
