package app.smartcomply.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.receiver.QuickstartStyleVerifier.Verdict;
import app.smartcomply.webhooks.signature.SignatureVerificationException;
import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogReader;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Received;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Java receivers verify real deliveries: with the webhooks-signature module
 * ({@code X-SmartComply-Signature} and the Standard Webhooks headers), with the reference
 * Standard Webhooks library {@code com.standardwebhooks:standardwebhooks}, and with the
 * quickstart's own math — before, during and after a secret rotation.
 *
 * <p>The Standard Webhooks library reads the system clock, so it verifies while the service's
 * clock is still at real time; once the clock is stepped past the grace period, the library's
 * {@code sign} is used to recompute the expected header instead.
 */
class JavaReceiverVerificationTest extends WebhooksAppTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String strangerSecret = SigningSecret.generate().value();

    @Test
    void bothSchemesVerifyBeforeDuringAndAfterASecretRotation() throws Exception {
        ApiClient api = api();
        try (TestReceiver receiver = TestReceiver.start()) {
            Answer account = api.createAccount(ADMIN_KEY, "Java Co");
            String key = account.text("api_key");
            Answer endpoint = api.createEndpoint(key, receiver.url(), "test.submitted");
            String oldSecret = endpoint.text("signing_secret");

            // Before: one secret, one signature per scheme.
            Received before = deliver(api, account.text("id"), receiver, 1);
            assertThat(v1sOf(before)).containsExactly(expectedV1(oldSecret, before));
            assertThat(before.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER))
                    .isEqualTo(librarySignature(oldSecret, before));
            assertOurVerifierAccepts(before, oldSecret);
            assertStandardWebhooksLibraryAccepts(before, oldSecret);
            assertEveryVerifierRejects(before, strangerSecret);

            // Rotate with a one-hour grace period.
            Answer rotated = ApiClient.expect(
                    200,
                    api.post(
                            "/api/v1/webhooks/endpoints/" + endpoint.text("id") + "/rotate-secret",
                            key,
                            "{\"grace_period_seconds\": 3600}"));
            String newSecret = rotated.text("signing_secret");
            assertThat(newSecret).matches("whsec_[A-Za-z0-9+/]{32}").isNotEqualTo(oldSecret);
            assertThat(rotated.text("previous_secret_expires_at"))
                    .isEqualTo(WIRE_TIME.format(clock.instant().plusSeconds(3600)));

            // During the grace period: one v1 per secret, old first, new last — in both schemes.
            Received during = deliver(api, account.text("id"), receiver, 2);
            assertThat(v1sOf(during)).containsExactly(expectedV1(oldSecret, during), expectedV1(newSecret, during));
            assertThat(during.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER))
                    .isEqualTo(librarySignature(oldSecret, during) + " " + librarySignature(newSecret, during));
            for (String secret : List.of(oldSecret, newSecret)) {
                assertOurVerifierAccepts(during, secret);
                assertStandardWebhooksLibraryAccepts(during, secret);
            }
            assertEveryVerifierRejects(during, strangerSecret);
            // A receiver written from the quickstart keeps only the last v1: it verifies with the new
            // secret as soon as it has it (and, the other side of that coin, no longer with the old).
            String signature = during.header(WebhookSigner.SIGNATURE_HEADER);
            assertThat(new QuickstartStyleVerifier(newSecret, clock).check(signature, during.body()))
                    .isEqualTo(Verdict.ACCEPTED);
            assertThat(new QuickstartStyleVerifier(oldSecret, clock).check(signature, during.body()))
                    .isEqualTo(Verdict.INVALID_SIGNATURE);

            // After the grace period: only the new secret signs, and the old one no longer verifies.
            // First let the service record delivery 2: stepping time past its lease while its result is
            // still being written would make the lease look expired and send it again.
            new DeliveryLogReader(api, key).awaitAttempts(during.header(WebhookSigner.EVENT_ID_HEADER), 1, TIMEOUT);
            advance(Duration.ofSeconds(3601));
            Received after = deliver(api, account.text("id"), receiver, 3);
            assertThat(v1sOf(after)).containsExactly(expectedV1(newSecret, after));
            assertThat(after.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER))
                    .isEqualTo(librarySignature(newSecret, after));
            assertOurVerifierAccepts(after, newSecret);
            assertOurVerifierFindsNoMatch(after, oldSecret);
            assertThat(new QuickstartStyleVerifier(newSecret, clock)
                            .check(after.header(WebhookSigner.SIGNATURE_HEADER), after.body()))
                    .isEqualTo(Verdict.ACCEPTED);
        }
    }

    /** Publishes the n-th event and returns it as the receiver got it. */
    private Received deliver(ApiClient api, String accountId, TestReceiver receiver, int n) {
        Answer event = api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n));
        Received received = receiver.awaitCount(n, TIMEOUT).get(n - 1);
        assertThat(received.header(WebhookSigner.EVENT_ID_HEADER)).isEqualTo(event.text("id"));
        return received;
    }

    private void assertOurVerifierAccepts(Received delivery, String secret) {
        WebhookVerifier verifier =
                WebhookVerifier.withSecret(SigningSecret.parse(secret)).withClock(clock);
        assertThatCode(() -> verifier.verify(delivery.header(WebhookSigner.SIGNATURE_HEADER), delivery.body()))
                .as("X-SmartComply-Signature verifies")
                .doesNotThrowAnyException();
        assertThatCode(() -> verifyStandardWebhooks(verifier, delivery))
                .as("webhook-signature verifies")
                .doesNotThrowAnyException();
    }

    private void assertOurVerifierFindsNoMatch(Received delivery, String secret) {
        WebhookVerifier verifier =
                WebhookVerifier.withSecret(SigningSecret.parse(secret)).withClock(clock);
        assertThatThrownBy(() -> verifier.verify(delivery.header(WebhookSigner.SIGNATURE_HEADER), delivery.body()))
                .isInstanceOfSatisfying(
                        SignatureVerificationException.class,
                        e -> assertThat(e.getReason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
        assertThatThrownBy(() -> verifyStandardWebhooks(verifier, delivery))
                .isInstanceOfSatisfying(
                        SignatureVerificationException.class,
                        e -> assertThat(e.getReason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
    }

    private void assertEveryVerifierRejects(Received delivery, String secret) {
        assertOurVerifierFindsNoMatch(delivery, secret);
        assertThatThrownBy(() -> new Webhook(secret).verify(delivery.bodyText(), headersOf(delivery)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(new QuickstartStyleVerifier(secret, clock)
                        .check(delivery.header(WebhookSigner.SIGNATURE_HEADER), delivery.body()))
                .isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    /** The reference library, unchanged, given the whsec_ string and the received headers. */
    private static void assertStandardWebhooksLibraryAccepts(Received delivery, String secret) {
        assertThatCode(() -> new Webhook(secret).verify(delivery.bodyText(), headersOf(delivery)))
                .as("com.standardwebhooks verifies")
                .doesNotThrowAnyException();
    }

    private static void verifyStandardWebhooks(WebhookVerifier verifier, Received delivery) {
        verifier.verifyStandardWebhooks(
                delivery.header(WebhookSigner.WEBHOOK_ID_HEADER),
                delivery.header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER),
                delivery.header(WebhookSigner.WEBHOOK_SIGNATURE_HEADER),
                delivery.body());
    }

    /** What the reference library computes for this delivery's id, timestamp and body. */
    private static String librarySignature(String secret, Received delivery) throws Exception {
        return new Webhook(secret)
                .sign(
                        delivery.header(WebhookSigner.WEBHOOK_ID_HEADER),
                        Long.parseLong(delivery.header(WebhookSigner.WEBHOOK_TIMESTAMP_HEADER)),
                        delivery.bodyText());
    }

    /** The quickstart's math: hex HMAC-SHA256 keyed with the whole secret string over "t.body". */
    private static String expectedV1(String secret, Received delivery) {
        byte[] signed = (timestampOf(delivery) + "." + delivery.bodyText()).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of()
                .formatHex(QuickstartStyleVerifier.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    private static long timestampOf(Received delivery) {
        String t = delivery.header(WebhookSigner.SIGNATURE_HEADER).split(",")[0];
        assertThat(t).startsWith("t=");
        return Long.parseLong(t.substring(2));
    }

    /** The v1 values of X-SmartComply-Signature, in header order. */
    private static List<String> v1sOf(Received delivery) {
        return Arrays.stream(delivery.header(WebhookSigner.SIGNATURE_HEADER).split(","))
                .filter(part -> part.startsWith("v1="))
                .map(part -> part.substring(3))
                .toList();
    }

    /** Every header as received, in the shape the library takes (as a servlet would hand them over). */
    private static Map<String, List<String>> headersOf(Received delivery) {
        Map<String, List<String>> headers = new TreeMap<>();
        delivery.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return headers;
    }
}
