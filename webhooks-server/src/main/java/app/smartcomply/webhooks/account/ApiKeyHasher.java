package app.smartcomply.webhooks.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes and hashes API keys.
 *
 * <p>Keys carry 160 random bits, so a plain SHA-256 is enough to store them: there is nothing to
 * brute-force that a slow password hash would protect, and a fast hash keeps the lookup on every
 * request to one indexed equality match.
 */
final class ApiKeyHasher {

    static final String ADMIN_PREFIX = "sc_admin_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHasher() {}

    static String newKey(String prefix) {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
