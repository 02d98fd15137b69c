package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The quickstart's Express receiver, its code unchanged, run under Node against our deliveries:
 * it accepts the test event and an ordinary event, rejects a tampered body and a stale
 * timestamp, and — keeping only the last {@code v1} — verifies during a secret rotation as soon
 * as it holds the new secret.
 *
 * <p>The receiver compares the signature's {@code t} with the real {@code Date.now()}, so the
 * service's clock is kept at real time here and never stepped ahead of it.
 */
class ExpressQuickstartReceiverTest extends WebhooksAppTest {

    /** Bounds a hang only; a delivery to a loopback receiver normally lands in milliseconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Where endpoints point until their receiver runs: the secret is needed to start it. */
    private static final String NOT_YET_RUNNING = "http://127.0.0.1:9/webhooks/smartcomply";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void nodeAndExpress() {
        NodeToolchain.requireInstalled(ExpressQuickstartReceiver.FIXTURE);
    }

    @BeforeEach
    void keepServiceTimeReal() {
        // The stepped clock stands still while the test runs; move it up to real time (never past
        // it) so that the receiver's Date.now() sees a fresh t.
        clock.set(Instant.now());
    }

    @Test
    void acceptsTheTestEventAndAnOrdinaryEventDeliveredByTheService() {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Express Co");
        String key = account.text("api_key");
        Answer endpoint = api.createEndpoint(key, NOT_YET_RUNNING, "test.submitted", "notice.created");
        DeliveryLogReader log = new DeliveryLogReader(api, key);

        try (ExpressQuickstartReceiver express = ExpressQuickstartReceiver.start(endpoint.text("signing_secret"))) {
            pointAt(key, endpoint.text("id"), express.url());

            // Step 3 of the quickstart: the test event.
            Answer test = ApiClient.expect(
                    202, api.post("/api/v1/webhooks/endpoints/" + endpoint.text("id") + "/test", key, null));
            String testEventId = test.text("id");
            assertThat(test.text("type")).isEqualTo("webhook.test");
            assertAccepted(log.awaitAttempts(testEventId, 1, TIMEOUT));
            express.awaitLine("Test event received successfully", TIMEOUT);
            assertThat(express.output())
                    .containsSubsequence(
                            "Received webhook.test (id: " + testEventId + ")", "Test event received successfully");

            // Step 4: an ordinary event, published by a SmartComply service.
            Answer event = api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            assertAccepted(log.awaitAttempts(event.text("id"), 1, TIMEOUT));
            express.awaitLine("Received test.submitted (id: " + event.text("id") + ")", TIMEOUT);
        }
    }

    @Test
    void rejectsATamperedBodyAndAStaleTimestamp() {
        SigningSecret secret = SigningSecret.generate();
        try (ExpressQuickstartReceiver express = ExpressQuickstartReceiver.start(secret.value())) {
            String genuineId = randomEventId();
            byte[] genuine = eventBody(genuineId);
            HttpResponse<String> accepted =
                    post(express.url(), genuine, WebhookSigner.signatureHeader(nowSeconds(), genuine, List.of(secret)));
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("{\"received\":true}");
            express.awaitLine("Received test.submitted (id: " + genuineId + ")", TIMEOUT);

            // Signed, then altered in transit: the score changes after the signature was made.
            String tamperedId = randomEventId();
            byte[] signed = eventBody(tamperedId);
            String signature = WebhookSigner.signatureHeader(nowSeconds(), signed, List.of(secret));
            byte[] altered = new String(signed, StandardCharsets.UTF_8)
                    .replace("\"score\":82.5", "\"score\":99.5")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(altered).isNotEqualTo(signed);
            HttpResponse<String> tampered = post(express.url(), altered, signature);
            assertThat(tampered.statusCode()).isEqualTo(400);
            assertThat(tampered.body()).isEqualTo("Invalid signature");

            // Correctly signed, but 301 s ago: one second past the quickstart's replay window.
            String staleId = randomEventId();
            byte[] replayed = eventBody(staleId);
            HttpResponse<String> stale = post(
                    express.url(),
                    replayed,
                    WebhookSigner.signatureHeader(nowSeconds() - 301, replayed, List.of(secret)));
            assertThat(stale.statusCode()).isEqualTo(400);
            assertThat(stale.body()).isEqualTo("Signature too old");

            // The receiver's stdout is ordered: once a later genuine delivery is logged, a line for
            // either rejected one would already be there.
            String laterId = randomEventId();
            byte[] later = eventBody(laterId);
            assertThat(post(express.url(), later, WebhookSigner.signatureHeader(nowSeconds(), later, List.of(secret)))
                            .statusCode())
                    .isEqualTo(200);
            express.awaitLine("Received test.submitted (id: " + laterId + ")", TIMEOUT);
            assertThat(express.output()).noneMatch(line -> line.contains(tamperedId) || line.contains(staleId));
        }
    }

    @Test
    void verifiesDuringARotationAsSoonAsItHoldsTheNewSecret() {
        ApiClient api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Rotating Co");
        String key = account.text("api_key");
        Answer endpoint = api.createEndpoint(key, NOT_YET_RUNNING, "test.submitted");
        String endpointId = endpoint.text("id");
        String oldSecret = endpoint.text("signing_secret");
        Answer rotated = ApiClient.expect(
                200,
                api.post(
                        "/api/v1/webhooks/endpoints/" + endpointId + "/rotate-secret",
                        key,
                        "{\"grace_period_seconds\": 3600}"));
        String newSecret = rotated.text("signing_secret");
        assertThat(newSecret).isNotEqualTo(oldSecret);
        DeliveryLogReader log = new DeliveryLogReader(api, key);

        try (ExpressQuickstartReceiver withNew = ExpressQuickstartReceiver.start(newSecret);
                ExpressQuickstartReceiver withOld = ExpressQuickstartReceiver.start(oldSecret)) {
            pointAt(key, endpointId, withNew.url());
            Answer event = api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(2));
            JsonNode delivery = log.awaitAttempts(event.text("id"), 1, TIMEOUT);
            assertThat(signatureHeaderOf(delivery.get("attempts").get(0)).split(",v1="))
                    .as("t plus one v1 per valid secret")
                    .hasSize(3);
            assertAccepted(delivery);
            withNew.awaitLine("Received test.submitted (id: " + event.text("id") + ")", TIMEOUT);

            // The flip side of "last v1 wins": the quickstart's code checks only
            // the newest signature, so a receiver still on the old secret fails until it is updated.
            pointAt(key, endpointId, withOld.url());
            Answer next = api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(3));
            JsonNode response = log.awaitAttempts(next.text("id"), 1, TIMEOUT)
                    .get("attempts")
                    .get(0)
                    .get("response");
            assertThat(response.get("status").asInt()).isEqualTo(400);
            assertThat(response.get("body").asString()).isEqualTo("Invalid signature");
        }
    }

    private void pointAt(String key, String endpointId, String url) {
        ApiClient.expect(
                200, api().patch("/api/v1/webhooks/endpoints/" + endpointId, key, "{\"url\":\"" + url + "\"}"));
    }

    /** The delivery log shows the receiver's 200 and the quickstart's {"received":true}. */
    private static void assertAccepted(JsonNode delivery) {
        assertThat(delivery.get("status").asString()).as("delivery status").isEqualTo("succeeded");
        JsonNode response = delivery.get("attempts").get(0).get("response");
        assertThat(response.get("status").asInt()).as("receiver's HTTP status").isEqualTo(200);
        assertThat(response.get("body").asString()).isEqualTo("{\"received\":true}");
    }

    private static String signatureHeaderOf(JsonNode attempt) {
        JsonNode headers = attempt.get("request").get("headers");
        for (String name : headers.propertyNames()) {
            if (name.equalsIgnoreCase(WebhookSigner.SIGNATURE_HEADER)) {
                return headers.get(name).asString();
            }
        }
        throw new AssertionError("No " + WebhookSigner.SIGNATURE_HEADER + " in the logged request: " + headers);
    }

    private HttpResponse<String> post(String url, byte[] body, String signatureHeader) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSigner.SIGNATURE_HEADER, signatureHeader)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Could not reach the Express receiver at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An event as the service sends it; only the id varies. */
    private static byte[] eventBody(String id) {
        String json = "{\"id\":\"" + id + "\",\"type\":\"test.submitted\",\"created_at\":\"2026-05-05T14:00:00.000Z\","
                + "\"data\":" + EventExamples.testSubmitted(7).replaceAll("\\s*\\n\\s*", "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomEventId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return "evt_" + HexFormat.of().formatHex(random);
    }

    /** Real time, as the receiver's Date.now() sees it. */
    private static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }
}
