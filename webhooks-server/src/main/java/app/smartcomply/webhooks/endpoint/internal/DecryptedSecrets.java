package app.smartcomply.webhooks.endpoint.internal;

import app.smartcomply.webhooks.signature.SigningSecret;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing secrets as the engine uses them, decrypted once per stored ciphertext.
 *
 * <p>The engine reads an endpoint's secret rows for every batch it claims — so a rotation is seen
 * by the very next claim — but decrypting them (an AES-GCM cipher per row) every time was a
 * quarter of the dispatcher's work. Each encryption uses a fresh nonce, so a rotated or re-stored
 * secret has a new stored form and is decrypted afresh; an unchanged row maps to the same
 * {@link SigningSecret}, whose prepared MACs are then reused across batches. The plaintext lives
 * only in this process's memory, as it does while signing anyway. Bounded: past
 * {@link #MAX_ENTRIES} the memory is dropped and refilled.
 */
public final class DecryptedSecrets {

    static final int MAX_ENTRIES = 10_000;

    private final SecretCipher cipher;
    private final ConcurrentHashMap<String, SigningSecret> byStoredForm = new ConcurrentHashMap<>();

    public DecryptedSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The secret stored as {@code stored} in a row of {@code endpointId}. */
    public SigningSecret get(String endpointId, String stored) {
        // The endpoint is part of the key as it is of the ciphertext's associated data: the same
        // text in another endpoint's row must fail to decrypt, not hit this memory.
        String key = endpointId + '\n' + stored;
        SigningSecret known = byStoredForm.get(key);
        if (known != null) {
            return known;
        }
        SigningSecret secret = SigningSecret.parse(cipher.decrypt(endpointId, stored));
        if (byStoredForm.size() >= MAX_ENTRIES) {
            byStoredForm.clear();
        }
        byStoredForm.put(key, secret);
        return secret;
    }
}
