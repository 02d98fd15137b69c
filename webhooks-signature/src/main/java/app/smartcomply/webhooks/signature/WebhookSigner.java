package app.smartcomply.webhooks.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Computes the signature headers of one delivery attempt.
 *
 * <p>Stateless and thread-safe. The server calls it once per attempt with a fresh timestamp, so
 * a retried delivery is signed anew and passes the receiver's 300-second replay window.
 *
 * <p>{@code secrets} lists every secret currently valid for the endpoint, <b>oldest first,
 * newest last</b>. Output entries follow that order, so receivers built from the quickstart,
 * which keep only the last {@code v1}, verify with the newest secret as soon as they have it.
 */
public final class WebhookSigner {

    /** {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, see {@link #signatureHeader}. */
    public static final String SIGNATURE_HEADER = "X-SmartComply-Signature";
    /** The event's {@code evt_…} id, stable across retries: receivers deduplicate on it. */
    public static final String EVENT_ID_HEADER = "X-SmartComply-Event-Id";
    /** The event type, e.g. {@code test.submitted}. */
    public static final String EVENT_TYPE_HEADER = "X-SmartComply-Event-Type";
    /** Id of this delivery (one event to one endpoint), shared by its attempts. */
    public static final String DELIVERY_ID_HEADER = "X-SmartComply-Delivery-Id";
    /** 1-based attempt number of this delivery. */
    public static final String ATTEMPT_HEADER = "X-SmartComply-Attempt";
    /** Standard Webhooks message id, the {@code <id>} of {@link #standardWebhooksSignature}. */
    public static final String WEBHOOK_ID_HEADER = "webhook-id";
    /** Standard Webhooks timestamp, unix seconds; same value as {@code t=} in the SmartComply header. */
    public static final String WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
    /** Standard Webhooks signature, see {@link #standardWebhooksSignature}. */
    public static final String WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

    private WebhookSigner() {}

    /**
     * Returns the value of {@value #SIGNATURE_HEADER}:
     * {@code t=<timestampSeconds>,v1=<hex>,v1=<hex>…}, one {@code v1} per secret in the given
     * order. Each {@code v1} is lowercase hex HMAC-SHA256, keyed with
     * {@link SigningSecret#hmacKeyBytes()}, over the ASCII bytes of {@code "<t>."} followed by
     * {@code body} exactly as given.
     *
     * @param timestampSeconds unix time of this attempt, in seconds, not negative
     * @param body the exact request body bytes that will be sent
     * @param secrets valid secrets, oldest first, newest last; not empty
     * @return the header value
     * @throws IllegalArgumentException if {@code timestampSeconds} is negative or
     *     {@code secrets} is empty
     */
    public static String signatureHeader(long timestampSeconds, byte[] body, List<SigningSecret> secrets) {
        checkArguments(timestampSeconds, body, secrets);
        HexFormat hex = HexFormat.of(); // lowercase by default
        StringBuilder header =
                new StringBuilder(2 + 20 + secrets.size() * 68).append("t=").append(timestampSeconds);
        for (SigningSecret secret : secrets) {
            header.append(",v1=").append(hex.formatHex(v1(secret, timestampSeconds, body)));
        }
        return header.toString();
    }

    /**
     * Returns the value of the Standard Webhooks {@value #WEBHOOK_SIGNATURE_HEADER}:
     * {@code v1,<base64>} entries separated by single spaces, one per secret in the given order.
     * Each entry is standard base64 of HMAC-SHA256, keyed with
     * {@link SigningSecret#standardWebhooksKeyBytes()}, over the UTF-8 bytes of
     * {@code "<messageId>.<t>."} followed by {@code body} exactly as given.
     *
     * @param messageId the value sent as {@value #WEBHOOK_ID_HEADER}; not empty
     * @param timestampSeconds the value sent as {@value #WEBHOOK_TIMESTAMP_HEADER}, not negative
     * @param body the exact request body bytes that will be sent
     * @param secrets valid secrets, oldest first, newest last; not empty
     * @return the header value
     * @throws IllegalArgumentException if {@code messageId} is empty, {@code timestampSeconds} is
     *     negative or {@code secrets} is empty
     */
    public static String standardWebhooksSignature(
            String messageId, long timestampSeconds, byte[] body, List<SigningSecret> secrets) {
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.isEmpty()) {
            throw new IllegalArgumentException("messageId must not be empty");
        }
        checkArguments(timestampSeconds, body, secrets);
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder header = new StringBuilder(secrets.size() * 48);
        for (SigningSecret secret : secrets) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,")
                    .append(base64.encodeToString(standardWebhooksV1(secret, messageId, timestampSeconds, body)));
        }
        return header.toString();
    }

    /**
     * Returns the Standard Webhooks asymmetric entries: {@code v1a,<base64>} separated by single
     * spaces, one per key in the given order, to be sent in {@value #WEBHOOK_SIGNATURE_HEADER}
     * after the {@code v1} entries (one space between). Each is standard base64 of the 64-byte
     * Ed25519 signature of the same content the {@code v1} MAC covers: the UTF-8 bytes of
     * {@code "<messageId>.<t>."} followed by {@code body} exactly as given.
     *
     * @param messageId the value sent as {@value #WEBHOOK_ID_HEADER}; not empty
     * @param timestampSeconds the value sent as {@value #WEBHOOK_TIMESTAMP_HEADER}, not negative
     * @param body the exact request body bytes that will be sent
     * @param keys valid signing keys, oldest first, newest last; may be empty (then "")
     * @return the entries, or the empty string for no keys
     * @throws IllegalArgumentException if {@code messageId} is empty or {@code timestampSeconds}
     *     is negative
     */
    public static String standardWebhooksAsymmetricSignature(
            String messageId, long timestampSeconds, byte[] body, List<Ed25519SigningKey> keys) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(keys, "keys");
        if (messageId.isEmpty()) {
            throw new IllegalArgumentException("messageId must not be empty");
        }
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestampSeconds must not be negative");
        }
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder entries = new StringBuilder(keys.size() * 93);
        for (Ed25519SigningKey key : keys) {
            if (entries.length() > 0) {
                entries.append(' ');
            }
            entries.append("v1a,")
                    .append(base64.encodeToString(Objects.requireNonNull(key, "keys must not contain null")
                            .sign(standardWebhooksSignedPrefix(messageId, timestampSeconds), body)));
        }
        return entries.toString();
    }

    // The methods below are the single definition of what is signed: the verifiers
    // recomputes through them, so signer and verifier cannot drift apart.

    /** Raw SmartComply v1 MAC over {@code "<t>." + body}. */
    static byte[] v1(SigningSecret secret, long timestampSeconds, byte[] body) {
        return secret.hmac().mac((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Raw Standard Webhooks v1 MAC over {@code "<id>.<t>." + body}. */
    static byte[] standardWebhooksV1(SigningSecret secret, String messageId, long timestampSeconds, byte[] body) {
        return secret.standardWebhooksHmac().mac(standardWebhooksSignedPrefix(messageId, timestampSeconds), body);
    }

    /** What precedes the body in Standard Webhooks' signed content, v1 and v1a alike. */
    static byte[] standardWebhooksSignedPrefix(String messageId, long timestampSeconds) {
        return (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    }

    private static void checkArguments(long timestampSeconds, byte[] body, List<SigningSecret> secrets) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secrets, "secrets");
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestampSeconds must not be negative");
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret is required");
        }
        for (SigningSecret secret : secrets) {
            Objects.requireNonNull(secret, "secrets must not contain null");
        }
    }
}
