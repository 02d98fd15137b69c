package app.smartcomply.webhooks.endpoint.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing secrets at rest with AES-256-GCM, so a copy of the database alone does not let
 * anyone forge deliveries. Stored form: {@code v1:} + base64(12-byte nonce ‖ ciphertext ‖ tag).
 * The endpoint id is bound in as associated data, so a ciphertext moved to another endpoint's row
 * does not decrypt.
 */
public final class SecretCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes */
    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secret encryption key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String encrypt(String endpointId, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, endpointId, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out =
                ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
        return VERSION + Base64.getEncoder().encodeToString(out.array());
    }

    public String decrypt(String endpointId, String stored) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("Unknown secret encoding for endpoint " + endpointId);
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, endpointId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String endpointId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Wrong key (WEBHOOKS_ENCRYPTION_KEY changed?) or tampered row; never include the data.
            throw new IllegalStateException(
                    "Cannot decrypt the signing secret of endpoint " + endpointId
                            + ": is WEBHOOKS_ENCRYPTION_KEY the key it was stored with?",
                    e);
        }
    }
}
