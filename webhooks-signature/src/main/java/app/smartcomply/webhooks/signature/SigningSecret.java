package app.smartcomply.webhooks.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret: {@code whsec_} followed by standard base64 (RFC 4648 §4).
 *
 * <p>Generated secrets carry 24 random bytes, so the base64 part is exactly 32 characters
 * without padding. Imported secrets may have other lengths, but must decode to at least
 * 16 bytes (128 bits).
 *
 * <p>The same secret serves two schemes:
 * <ul>
 *   <li>{@code X-SmartComply-Signature} is keyed with {@link #hmacKeyBytes()}, the UTF-8 bytes
 *       of the whole string including the prefix, because that is what the quickstart's receiver
 *       does ({@code crypto.createHmac("sha256", secret)});</li>
 *   <li>Standard Webhooks ({@code webhook-signature}) is keyed with
 *       {@link #standardWebhooksKeyBytes()}, the decoded base64 part, as that spec requires.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe. {@link #toString()} and every exception message are masked,
 * so a secret cannot leak through logs by accident; only {@link #value()} reveals it.
 */
public final class SigningSecret {

    /** Prefix of every secret; shared with Svix and Standard Webhooks. */
    public static final String PREFIX = "whsec_";

    /** Random bytes in a generated secret: 24 bytes encode to 32 base64 chars, no padding. */
    static final int GENERATED_KEY_BYTES = 24;

    /** Smallest decoded key accepted by {@link #parse(String)}: 128 bits. */
    static final int MIN_KEY_BYTES = 16;

    private static final String INVALID_MESSAGE = "signing secret must be '" + PREFIX
            + "' followed by standard base64 of at least " + MIN_KEY_BYTES + " bytes";

    private final String value;
    // Both key forms are derived once: the signer reads them on every delivery attempt.
    private final byte[] hmacKey;
    private final byte[] standardWebhooksKey;
    // Set up once per secret, not per signature (see HmacSha256).
    private final HmacSha256 hmac;
    private final HmacSha256 standardWebhooksHmac;

    private SigningSecret(String value, byte[] standardWebhooksKey) {
        this.value = value;
        this.hmacKey = value.getBytes(StandardCharsets.UTF_8);
        this.standardWebhooksKey = standardWebhooksKey;
        this.hmac = new HmacSha256(hmacKey);
        this.standardWebhooksHmac = new HmacSha256(standardWebhooksKey);
    }

    /**
     * Generates a new secret of 24 bytes drawn from {@code random}.
     *
     * @param random source of the key bytes; must be a cryptographically strong generator
     * @return a secret of the form {@code whsec_} + 32 base64 characters
     */
    public static SigningSecret generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] key = new byte[GENERATED_KEY_BYTES];
        random.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
    }

    /**
     * Generates a new secret from a shared, default-seeded {@link SecureRandom}.
     *
     * @return a secret of the form {@code whsec_} + 32 base64 characters
     */
    public static SigningSecret generate() {
        return generate(DefaultRandom.INSTANCE);
    }

    /**
     * Parses a stored or imported secret.
     *
     * <p>The string is taken exactly as given: no trimming, because the quickstart scheme keys
     * the HMAC with the whole string and a trimmed variant would be a different key.
     *
     * @param value {@code whsec_} followed by standard base64 (padding optional) of at least
     *     16 bytes
     * @return the secret
     * @throws IllegalArgumentException if {@code value} is null or not of that form; the message
     *     never contains the value
     */
    public static SigningSecret parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException(INVALID_MESSAGE);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // The decoder's message names the offending character: do not chain it.
            throw new IllegalArgumentException(INVALID_MESSAGE);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(INVALID_MESSAGE);
        }
        return new SigningSecret(value, key);
    }

    /**
     * Returns the whole secret string, prefix included. This is the only accessor that reveals
     * the secret: show it to the customer once, store it, never log it.
     *
     * @return the secret string
     */
    public String value() {
        return value;
    }

    /**
     * Returns the HMAC key for {@code X-SmartComply-Signature}: the UTF-8 bytes of the whole
     * string, {@code whsec_} prefix included.
     *
     * @return a fresh copy of the key bytes
     */
    public byte[] hmacKeyBytes() {
        return hmacKey.clone();
    }

    /**
     * Returns the HMAC key for the Standard Webhooks {@code webhook-signature}: the
     * base64-decoded part after {@code whsec_}.
     *
     * @return a fresh copy of the key bytes
     */
    public byte[] standardWebhooksKeyBytes() {
        return standardWebhooksKey.clone();
    }

    /** The MAC of the SmartComply scheme under this secret (package-internal hot path). */
    HmacSha256 hmac() {
        return hmac;
    }

    /** The MAC of the Standard Webhooks scheme under this secret. */
    HmacSha256 standardWebhooksHmac() {
        return standardWebhooksHmac;
    }

    /**
     * Returns a form safe to display and log: {@code whsec_…} followed by the last four
     * characters, e.g. {@code whsec_…LaSw}.
     *
     * @return the masked secret
     */
    public String masked() {
        return PREFIX + "…" + value.substring(value.length() - 4);
    }

    /** Returns {@link #masked()}, never the secret itself. */
    @Override
    public String toString() {
        return masked();
    }

    /** Two secrets are equal when their strings are equal; compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SigningSecret && MessageDigest.isEqual(hmacKey, ((SigningSecret) other).hmacKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hmacKey);
    }

    /** Lazily created so that classes which only parse secrets never seed a generator. */
    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
