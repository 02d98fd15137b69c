package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.testkit.WithoutRateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code webhooks listen} end to end: the CLI (a child JVM) connects out to the service, forwards
 * each event to a receiver on 127.0.0.1 exactly as a delivery, and reports it; the session is an
 * endpoint of kind listen that the delivery engine never sends to, and that goes away once its
 * CLI has been gone for the idle time.
 */
// A short heartbeat: the service notices a CLI that left at its next write.
@TestPropertySource(properties = "webhooks.listen.heartbeat=200ms")
@WithoutRateLimits // the stepped clock never refills a bucket, and every forward is reported with the key
class ListenTest extends WebhooksAppTest {

    /** Bounds a hang only: a forward to a loopback receiver lands in milliseconds once the CLI runs. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @Autowired
    ListenSweep sweep;

    @Autowired
    ListenStreams streams;

    @Test
    void forwardsEachEventSignedWithTheSessionSecretAndRecordsItInTheDeliveryLog() throws Exception {
        Account account = newAccount("Listen Co");
        try (TestReceiver receiver = TestReceiver.start();
                ListenCliProcess cli = listen(account.key(), receiver.url(), "--events", "test.submitted")) {
            String secret = cli.awaitSecret(TIMEOUT);
            String session = cli.awaitSession(TIMEOUT);
            awaitConnected(account.key(), session);

            String first = publish(account, "test.submitted", 1);
            publish(account, "notice.created", 0); // not subscribed: never forwarded
            String second = publish(account, "test.submitted", 2);

            List<Received> got = receiver.awaitCount(2, TIMEOUT);
            assertThat(got).extracting(r -> r.header("x-smartcomply-event-id")).containsExactly(first, second);
            for (Received delivery : got) {
                // Exactly what a delivery from the service carries: the payload bytes and every header.
                WebhookVerifier.withSecret(SigningSecret.parse(secret))
                        .verify(delivery.header("x-smartcomply-signature"), delivery.body());
                assertThat(JSON.readTree(delivery.body()))
                        .isEqualTo(eventPayload(account, delivery.header("x-smartcomply-event-id")));
                assertThat(delivery.header("content-type")).isEqualTo("application/json");
                assertThat(delivery.header("x-smartcomply-event-type")).isEqualTo("test.submitted");
                assertThat(delivery.header("x-smartcomply-delivery-id")).startsWith("whd_");
                assertThat(delivery.header("x-smartcomply-attempt")).isEqualTo("1");
                assertThat(delivery.header("webhook-id")).isEqualTo(delivery.header("x-smartcomply-event-id"));
                assertThat(delivery.header("webhook-timestamp")).isNotBlank();
                assertThat(delivery.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER.toLowerCase()))
                        .startsWith("v1,");
            }
            assertThat(cli.awaitForward(second, TIMEOUT))
                    .isEqualTo(new ListenCliProcess.Forward("test.submitted", second, "200"));

            JsonNode deliveries = awaitDeliveries(account.key(), session, 2);
            List<String> events = new ArrayList<>();
            deliveries.forEach(d -> events.add(d.get("event_id").asString()));
            assertThat(events).containsExactlyInAnyOrder(first, second);
            deliveries.forEach(d -> assertThat(d.get("status").asString()).isEqualTo("succeeded"));
            String deliveryId = got.getFirst().header("x-smartcomply-delivery-id");
            Answer detail =
                    ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries/" + deliveryId, account.key()));
            JsonNode attempt = detail.json().get("attempts").get(0);
            assertThat(attempt.get("request").get("url").asString()).isEqualTo(receiver.url());
            assertThat(attempt.get("request")
                            .get("headers")
                            .get("X-SmartComply-Signature")
                            .asString())
                    .isEqualTo(got.getFirst().header("x-smartcomply-signature"));
            assertThat(attempt.get("response").get("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void aFailingOrAbsentReceiverDoesNotStopTheStream() throws Exception {
        Account account = newAccount("Failing Co");
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.status(500));
                ListenCliProcess cli = listen(account.key(), receiver.url())) {
            String session = cli.awaitSession(TIMEOUT);
            awaitConnected(account.key(), session);
            String failed = publish(account, "test.submitted", 1);
            assertThat(cli.awaitForward(failed, TIMEOUT).status()).isEqualTo("500");

            receiver.answering(Reply.ok());
            String succeeded = publish(account, "test.submitted", 2);
            assertThat(cli.awaitForward(succeeded, TIMEOUT).status()).isEqualTo("200");

            JsonNode deliveries = awaitDeliveries(account.key(), session, 2);
            List<String> statuses = new ArrayList<>();
            deliveries.forEach(d -> statuses.add(
                    d.get("event_id").asString() + "=" + d.get("status").asString()));
            assertThat(statuses).containsExactlyInAnyOrder(failed + "=failed", succeeded + "=succeeded");
        }
        // And with nothing listening at all on the forward target.
        String nowhere = "http://127.0.0.1:9/webhooks";
        try (TestReceiver later = TestReceiver.start();
                ListenCliProcess cli = listen(account.key(), nowhere)) {
            String session = cli.awaitSession(TIMEOUT);
            awaitConnected(account.key(), session);
            String refused = publish(account, "test.submitted", 3);
            assertThat(cli.awaitForward(refused, TIMEOUT).status()).isEqualTo("---");
            String next = publish(account, "test.submitted", 4);
            assertThat(cli.awaitForward(next, TIMEOUT).status()).isEqualTo("---");
            assertThat(cli.isAlive()).isTrue();
            assertThat(later.received()).isEmpty();
        }
    }

    @Test
    void severalListenersAtOnceEachGetEveryEventSignedWithTheirOwnSecret() throws Exception {
        Account account = newAccount("Two Listeners Co");
        try (TestReceiver a = TestReceiver.start();
                TestReceiver b = TestReceiver.start();
                ListenCliProcess cliA = listen(account.key(), a.url());
                ListenCliProcess cliB = listen(account.key(), b.url())) {
            String secretA = cliA.awaitSecret(TIMEOUT);
            String secretB = cliB.awaitSecret(TIMEOUT);
            String sessionA = cliA.awaitSession(TIMEOUT);
            String sessionB = cliB.awaitSession(TIMEOUT);
            assertThat(sessionA).isNotEqualTo(sessionB);
            assertThat(secretA).isNotEqualTo(secretB);
            awaitConnected(account.key(), sessionA);
            awaitConnected(account.key(), sessionB);

            String event = publish(account, "test.submitted", 1);
            Received atA = a.awaitCount(1, TIMEOUT).getFirst();
            Received atB = b.awaitCount(1, TIMEOUT).getFirst();
            assertThat(atA.header("x-smartcomply-event-id")).isEqualTo(event);
            assertThat(atB.header("x-smartcomply-event-id")).isEqualTo(event);
            WebhookVerifier.withSecret(SigningSecret.parse(secretA))
                    .verify(atA.header("x-smartcomply-signature"), atA.body());
            WebhookVerifier.withSecret(SigningSecret.parse(secretB))
                    .verify(atB.header("x-smartcomply-signature"), atB.body());
        }
    }

    @Test
    void theSessionIsListedAsAListenEndpointTheEngineNeverSendsToAndGoesAwayWhenIdle() throws Exception {
        Account account = newAccount("Idle Co");
        String session;
        try (TestReceiver http = TestReceiver.start();
                TestReceiver local = TestReceiver.start()) {
            String httpEndpoint =
                    api().createEndpoint(account.key(), http.url(), "*").text("id");
            try (ListenCliProcess cli = listen(account.key(), local.url())) {
                session = cli.awaitSession(TIMEOUT);
                awaitConnected(account.key(), session);
                JsonNode listed = endpoint(account.key(), session);
                assertThat(listed.get("kind").asString()).isEqualTo("listen");
                assertThat(listed.get("status").asString()).isEqualTo("active");
                assertThat(endpoint(account.key(), httpEndpoint).get("kind").asString())
                        .isEqualTo("http");
                assertThat(dashboardEndpoints(account.key()))
                        .contains("/dashboard/settings/webhooks/" + session)
                        .contains(">Listen</span>");

                String event = publish(account, "test.submitted", 1);
                cli.awaitForward(event, TIMEOUT);
                http.awaitCount(1, TIMEOUT);
                awaitDeliveries(account.key(), session, 1); // reported by the CLI after its line
            }
            // The CLI is gone: an event now goes to the HTTP endpoint by the engine, and to the session not at all.
            String unattended = publish(account, "test.submitted", 2);
            http.awaitCount(2, TIMEOUT);
            assertThat(http.received())
                    .extracting(r -> r.header("x-smartcomply-event-id"))
                    .contains(unattended);
            JsonNode sessionDeliveries = awaitDeliveries(account.key(), session, 1);
            assertThat(sessionDeliveries.size()).isEqualTo(1);
            assertThat(local.received()).hasSize(1);
        }
        awaitDisconnected(session);
        // Nor can a test event be sent to it: the service never sends to a listen session.
        Answer test = api().post("/api/v1/webhooks/endpoints/" + session + "/test", account.key(), null);
        assertThat(test.status()).isEqualTo(409);
        assertThat(test.text("code")).isEqualTo("listen_session");
        assertThat(test.text("param")).isEqualTo("id");

        advance(Duration.ofMinutes(9));
        assertThat(sweep.sweep()).isZero();
        assertThat(listedIds(account.key())).contains(session);

        advance(Duration.ofMinutes(2));
        assertThat(sweep.sweep()).isPositive(); // the other tests' sessions are idle too by now
        assertThat(listedIds(account.key())).doesNotContain(session);
        assertThat(dashboardEndpoints(account.key())).doesNotContain(session);
        ApiClient.expect(404, api().get("/api/v1/webhooks/endpoints/" + session, account.key()));
    }

    @Test
    void badStreamRequestsAreProblemsNamingTheParameter() {
        Account account = newAccount("Bad Listen Co");
        Answer cursor = api().send(
                        "GET",
                        "/api/v1/listen",
                        account.key(),
                        null,
                        java.util.Map.of("Accept", "text/event-stream", "Last-Event-ID", "evt_nope"));
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.text("code")).isEqualTo("invalid_last_event_id");
        assertThat(cursor.text("param")).isEqualTo("Last-Event-ID");

        Answer type = api().send(
                        "GET",
                        "/api/v1/listen?events=no.such.type",
                        account.key(),
                        null,
                        java.util.Map.of("Accept", "text/event-stream"));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.text("code")).isEqualTo("unknown_event_type");
    }

    @Test
    void anAccountHasAtMostTwentyStreamsOpenAtOnce() throws Exception {
        Account account = newAccount("Many Listeners Co");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<java.io.InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < ListenStreams.MAX_STREAMS_PER_ACCOUNT; i++) {
                var response =
                        http.send(stream(account.key()), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
                open.add(response.body());
            }
            var refused = http.send(stream(account.key()), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("too_many_listeners");
        } finally {
            for (java.io.InputStream in : open) {
                in.close();
            }
        }
    }

    private java.net.http.HttpRequest stream(String key) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/listen"))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    // --- helpers ------------------------------------------------------------------------------

    record Account(String id, String key) {}

    Account newAccount(String name) {
        Answer account = api().createAccount(ADMIN_KEY, name);
        return new Account(account.text("id"), account.text("api_key"));
    }

    ListenCliProcess listen(String key, String forwardTo, String... more) throws Exception {
        Path state = Files.createTempFile("listen-state-", ".properties");
        Files.delete(state);
        List<String> args = new ArrayList<>(List.of(
                "--service",
                "http://127.0.0.1:" + port,
                "--api-key",
                key,
                "--forward-to",
                forwardTo,
                "--state-file",
                state.toString()));
        args.addAll(List.of(more));
        return ListenCliProcess.start(args.toArray(String[]::new));
    }

    String publish(Account account, String type, int n) {
        String data = type.equals("test.submitted") ? EventExamples.testSubmitted(n) : noticeCreated();
        return ApiClient.expect(202, api().publish(ADMIN_KEY, account.id(), type, data))
                .text("id");
    }

    private String noticeCreated() {
        JsonNode types =
                api().get("/api/v1/webhooks/event-types", ADMIN_KEY).json().get("data");
        for (JsonNode type : types) {
            if (type.get("name").asString().equals("notice.created")) {
                return type.get("example").toString();
            }
        }
        throw new AssertionError("no notice.created in the catalog");
    }

    JsonNode eventPayload(Account account, String eventId) {
        // The event as the API returns it is the payload followed by its mode.
        JsonNode event = api().get("/api/v1/events/" + eventId, account.key()).json();
        return ((tools.jackson.databind.node.ObjectNode) event).without("mode");
    }

    JsonNode endpoint(String key, String id) {
        return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + id, key))
                .json();
    }

    String dashboardEndpoints(String key) {
        DashboardClient dashboard = DashboardClient.onPort(port);
        var page = dashboard.get("/dashboard/settings/webhooks", dashboard.session(key));
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    List<String> listedIds(String key) {
        List<String> ids = new ArrayList<>();
        api().get("/api/v1/webhooks/endpoints?limit=100", key)
                .json()
                .get("data")
                .forEach(e -> ids.add(e.get("id").asString()));
        return ids;
    }

    /** The session's stream is open once the CLI said so; its first publish must come after. */
    void awaitConnected(String key, String session) {
        assertThat(listedIds(key)).contains(session);
    }

    /** Real time: the service learns that the CLI left at its stream's next write. */
    void awaitDisconnected(String session) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (streams.connected().contains(session)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "The stream of " + session + " is still open " + TIMEOUT + " after its CLI left");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    JsonNode awaitDeliveries(String key, String endpointId, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode data = api().get("/api/v1/webhooks/endpoints/" + endpointId + "/deliveries", key)
                    .json()
                    .get("data");
            if (data.size() >= count || System.nanoTime() > deadline) {
                assertThat(data.size()).as("deliveries of " + endpointId).isGreaterThanOrEqualTo(count);
                return data;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
