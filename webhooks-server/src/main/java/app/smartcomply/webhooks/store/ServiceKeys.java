package app.smartcomply.webhooks.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for particular purposes, derived from the service's encryption key ({@code
 * WEBHOOKS_ENCRYPTION_KEY}, or the key file or settings row that stands in for it), so every node
 * derives the same ones and none of them is stored anywhere.
 *
 * <p>Derivation is HKDF-Expand (RFC 5869) with SHA-256 and the purpose as {@code info}: the
 * encryption key is already 32 uniformly random bytes, so it serves as the pseudorandom key and the
 * extract step adds nothing. Different purposes give independent keys; knowing a derived key tells
 * nothing about the encryption key or about any other derived key. The encryption key itself is
 * never handed out by this type.
 */
public final class ServiceKeys {

    private static final String LABEL = "smartcomply-webhooks/";

    private final byte[] master;

    /** @param master the service's 32-byte encryption key (copied) */
    public ServiceKeys(byte[] master) {
        if (master.length != 32) {
            throw new IllegalArgumentException("The service key must be 32 bytes");
        }
        this.master = master.clone();
    }

    /**
     * A 32-byte key for one purpose, the same on every node that has the same encryption key.
     *
     * @param purpose a fixed name such as {@code "dashboard-sessions/v1"}; never data from a request
     */
    public byte[] derive(String purpose) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(master, "HmacSHA256"));
            hmac.update((LABEL + purpose).getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0x01); // HKDF-Expand's first (and here only) block counter
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceKeys[…]";
    }
}
