package app.smartcomply.webhooks.signature;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, over a short prefix followed by the raw body, without copying the
 * body.
 *
 * <p>The key is set up once: the first call initializes a prototype {@link Mac} (provider lookup
 * and the key's inner and outer pad), and every call works on a {@link Mac#clone() clone} of it.
 * A sender signs every attempt twice with the same few secrets, and {@code Mac.getInstance} plus
 * {@code init} per call was about a tenth of a sending thread's CPU. The prototype itself is never
 * updated after {@code init}, so cloning it from many threads at once only reads it; each clone
 * belongs to one call. If the provider's MAC cannot be cloned, a fresh instance is made per call.
 */
final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private volatile Mac prototype;

    /** @param key non-empty key bytes; not copied, so the caller must never change them */
    HmacSha256(byte[] key) {
        this.key = key;
    }

    /**
     * Returns HMAC-SHA256(key, prefix || body).
     *
     * @param prefix bytes signed before the body (timestamp, message id, dots)
     * @param body the exact bytes sent on the wire, fed to the MAC unchanged
     * @return the 32-byte MAC
     */
    byte[] mac(byte[] prefix, byte[] body) {
        Mac mac = fresh();
        mac.update(prefix);
        mac.update(body);
        return mac.doFinal();
    }

    private Mac fresh() {
        Mac ready = prototype;
        if (ready == null) {
            ready = newMac();
            prototype = ready; // a race makes two equal prototypes; either is fine
        }
        try {
            return (Mac) ready.clone();
        } catch (CloneNotSupportedException e) {
            return newMac();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory on every Java SE platform and our keys are never empty,
            // so this is a broken runtime, not a caller error.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
