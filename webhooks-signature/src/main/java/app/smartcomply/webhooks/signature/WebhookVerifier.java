package app.smartcomply.webhooks.signature;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Verifies SmartComply webhook deliveries on the receiver side.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.withSecret(SigningSecret.parse(System.getenv("SMARTCOMPLY_WEBHOOK_SECRET")));
 * verifier.verify(request.getHeader(WebhookSigner.SIGNATURE_HEADER), rawBody); // throws if forged
 * }</pre>
 *
 * <p>A delivery is accepted when its timestamp is within ±tolerance (default 300 s, as in the
 * quickstart) of the clock and <em>any</em> {@code v1} signature matches <em>any</em> configured
 * secret. Holding several secrets lets a receiver roll over without a window of rejections;
 * checking every {@code v1} lets the sender do the same. MACs are compared in constant time.
 *
 * <p>Immutable and thread-safe: build one at startup and share it. The {@code with…} instance
 * methods return a modified copy.
 */
public final class WebhookVerifier {

    /** The quickstart's replay window. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private final List<SigningSecret> secrets;
    private final long toleranceSeconds;
    private final Clock clock;

    private WebhookVerifier(List<SigningSecret> secrets, long toleranceSeconds, Clock clock) {
        this.secrets = secrets;
        this.toleranceSeconds = toleranceSeconds;
        this.clock = clock;
    }

    /**
     * Creates a verifier accepting signatures made with {@code secret}.
     *
     * @param secret the endpoint's signing secret
     * @return a verifier with the default tolerance and the system UTC clock
     */
    public static WebhookVerifier withSecret(SigningSecret secret) {
        return withSecrets(List.of(Objects.requireNonNull(secret, "secret")));
    }

    /**
     * Creates a verifier accepting signatures made with any of {@code secrets}, e.g. the old and
     * the new secret while rotating.
     *
     * @param secrets at least one secret, no nulls
     * @return a verifier with the default tolerance and the system UTC clock
     * @throws IllegalArgumentException if {@code secrets} is empty
     */
    public static WebhookVerifier withSecrets(List<SigningSecret> secrets) {
        List<SigningSecret> copy = List.copyOf(secrets); // also rejects null elements
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret is required");
        }
        return new WebhookVerifier(copy, DEFAULT_TOLERANCE.getSeconds(), Clock.systemUTC());
    }

    /**
     * Returns a copy accepting timestamps at most {@code tolerance} away from the clock, in
     * either direction. Sub-second parts are ignored: timestamps are whole seconds.
     *
     * @param tolerance not negative
     * @return the new verifier
     * @throws IllegalArgumentException if {@code tolerance} is negative
     */
    public WebhookVerifier withTolerance(Duration tolerance) {
        if (Objects.requireNonNull(tolerance, "tolerance").isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        return new WebhookVerifier(secrets, tolerance.getSeconds(), clock);
    }

    /**
     * Returns a copy reading the current time from {@code clock} (for tests, or a receiver that
     * keeps its own time source).
     *
     * @param clock the clock
     * @return the new verifier
     */
    public WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(secrets, toleranceSeconds, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies an {@code X-SmartComply-Signature} header against the raw request body.
     *
     * <p>The header is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}; whitespace around elements
     * and unknown schemes are ignored.
     *
     * @param signatureHeader the header value; null (header absent) counts as malformed
     * @param body the raw request body bytes, exactly as received (not re-serialized JSON)
     * @throws SignatureVerificationException if the header is malformed
     *     ({@link Reason#MALFORMED_HEADER}), the timestamp is outside the tolerance
     *     ({@link Reason#TIMESTAMP_TOO_OLD}, {@link Reason#TIMESTAMP_IN_FUTURE}), or no
     *     signature matches ({@link Reason#NO_MATCHING_SIGNATURE})
     */
    public void verify(String signatureHeader, byte[] body) {
        Objects.requireNonNull(body, "body");
        ReceivedSignatures received = ReceivedSignatures.fromSignatureHeader(signatureHeader);
        check(received, secret -> WebhookSigner.v1(secret, received.timestampSeconds(), body));
    }

    /**
     * Verifies the Standard Webhooks headers against the raw request body, with the same
     * secrets, tolerance and clock.
     *
     * @param webhookId the {@code webhook-id} header
     * @param webhookTimestamp the {@code webhook-timestamp} header, unix seconds
     * @param webhookSignature the {@code webhook-signature} header: space-separated
     *     {@code v1,<base64>} entries; other versions are ignored
     * @param body the raw request body bytes, exactly as received
     * @throws SignatureVerificationException for the same reasons as {@link #verify}; a null
     *     or empty header counts as malformed
     */
    public void verifyStandardWebhooks(
            String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (webhookId == null || webhookId.isEmpty()) {
            throw new SignatureVerificationException(Reason.MALFORMED_HEADER);
        }
        ReceivedSignatures received = ReceivedSignatures.fromStandardWebhooks(webhookTimestamp, webhookSignature);
        check(
                received,
                secret -> WebhookSigner.standardWebhooksV1(secret, webhookId, received.timestampSeconds(), body));
    }

    private void check(ReceivedSignatures received, Function<SigningSecret, byte[]> expectedMac) {
        // Timestamp first: a replayed or stale delivery is rejected without computing any MAC.
        checkTimestamp(received.timestampSeconds(), clock, toleranceSeconds);
        for (SigningSecret secret : secrets) {
            byte[] expected = expectedMac.apply(secret);
            for (byte[] candidate : received.candidates()) {
                // Constant time, so response timing does not reveal how many bytes matched.
                if (MessageDigest.isEqual(expected, candidate)) {
                    return;
                }
            }
        }
        throw new SignatureVerificationException(Reason.NO_MATCHING_SIGNATURE);
    }

    /** Shared with {@link AsymmetricWebhookVerifier}: the same replay window for both schemes. */
    static void checkTimestamp(long timestampSeconds, Clock clock, long toleranceSeconds) {
        long now = clock.instant().getEpochSecond();
        // Compare the signed difference, saturated, so huge timestamps or tolerances cannot overflow.
        long age = saturatedSubtract(now, timestampSeconds);
        if (age > toleranceSeconds) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_TOO_OLD);
        }
        if (age < -toleranceSeconds) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_IN_FUTURE);
        }
    }

    private static long saturatedSubtract(long a, long b) {
        long result = a - b;
        // Overflow iff a and b have different signs and the result's sign differs from a's.
        if (((a ^ b) & (a ^ result)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return result;
    }
}
