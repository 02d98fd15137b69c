package app.smartcomply.webhooks.signature;

import app.smartcomply.webhooks.signature.SignatureVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Standard Webhooks {@code v1a} (Ed25519) signatures on the receiver side, with public
 * keys only: a receiver holding them can check deliveries but never forge one.
 *
 * <pre>{@code
 * AsymmetricWebhookVerifier verifier = AsymmetricWebhookVerifier.withPublicKeys(List.of("whpk_…"));
 * verifier.verify(headers.get("webhook-id"), headers.get("webhook-timestamp"),
 *     headers.get("webhook-signature"), rawBody); // throws if forged
 * }</pre>
 *
 * <p>A delivery is accepted when its timestamp is within ±tolerance (default 300 s) of the clock
 * and <em>any</em> {@code v1a} entry verifies with <em>any</em> configured key, so both the
 * current and the previous key can be trusted across a rotation. {@code v1} entries are ignored.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return a modified copy.
 */
public final class AsymmetricWebhookVerifier {

    private final List<byte[]> publicKeys;
    private final long toleranceSeconds;
    private final Clock clock;

    private AsymmetricWebhookVerifier(List<byte[]> publicKeys, long toleranceSeconds, Clock clock) {
        this.publicKeys = publicKeys;
        this.toleranceSeconds = toleranceSeconds;
        this.clock = clock;
    }

    /**
     * Creates a verifier trusting each of {@code publicKeys}.
     *
     * @param publicKeys at least one {@code whpk_<base64 of 32 bytes>}
     * @throws IllegalArgumentException if the list is empty or a key is malformed
     */
    public static AsymmetricWebhookVerifier withPublicKeys(List<String> publicKeys) {
        List<byte[]> raw = new ArrayList<>();
        for (String key : List.copyOf(publicKeys)) {
            raw.add(Ed25519PublicKeys.parse(key));
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("at least one public key is required");
        }
        return new AsymmetricWebhookVerifier(
                List.copyOf(raw), WebhookVerifier.DEFAULT_TOLERANCE.getSeconds(), Clock.systemUTC());
    }

    /** A copy accepting timestamps at most {@code tolerance} away from the clock. */
    public AsymmetricWebhookVerifier withTolerance(Duration tolerance) {
        if (Objects.requireNonNull(tolerance, "tolerance").isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        return new AsymmetricWebhookVerifier(publicKeys, tolerance.getSeconds(), clock);
    }

    /** A copy reading the current time from {@code clock}. */
    public AsymmetricWebhookVerifier withClock(Clock clock) {
        return new AsymmetricWebhookVerifier(publicKeys, toleranceSeconds, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies the Standard Webhooks headers against the raw request body.
     *
     * @param webhookId the {@code webhook-id} header
     * @param webhookTimestamp the {@code webhook-timestamp} header, unix seconds
     * @param webhookSignature the {@code webhook-signature} header; its {@code v1a,<base64>}
     *     entries are checked
     * @param body the raw request body bytes, exactly as received
     * @throws SignatureVerificationException if a header is missing or has no {@code v1a} entry
     *     ({@link Reason#MALFORMED_HEADER}), the timestamp is outside the tolerance, or no entry
     *     verifies ({@link Reason#NO_MATCHING_SIGNATURE})
     */
    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (webhookId == null || webhookId.isEmpty()) {
            throw new SignatureVerificationException(Reason.MALFORMED_HEADER);
        }
        ReceivedSignatures received =
                ReceivedSignatures.fromStandardWebhooks(webhookTimestamp, webhookSignature, "v1a");
        // Timestamp first: a stale delivery is rejected without any signature check.
        WebhookVerifier.checkTimestamp(received.timestampSeconds(), clock, toleranceSeconds);
        byte[] prefix = WebhookSigner.standardWebhooksSignedPrefix(webhookId, received.timestampSeconds());
        for (byte[] key : publicKeys) {
            for (byte[] candidate : received.candidates()) {
                if (Ed25519PublicKeys.verify(key, prefix, body, candidate)) {
                    return;
                }
            }
        }
        throw new SignatureVerificationException(Reason.NO_MATCHING_SIGNATURE);
    }
}
