package app.smartcomply.webhooks.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Conversions between the raw 32-byte Ed25519 public key (RFC 8032, the {@code whpk_} form) and
 * the JDK's {@link PublicKey}, and verification with a raw key.
 *
 * <p>The JDK reads and writes public keys only as X.509 SubjectPublicKeyInfo; for Ed25519 that is
 * a fixed 12-byte header (RFC 8410) followed by the raw key, so the conversion is a prefix.
 */
final class Ed25519PublicKeys {

    /** Prefix of a public key as Standard Webhooks writes it. */
    static final String PREFIX = "whpk_";

    static final int RAW_LENGTH = 32;

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes, 0 unused bits) }. */
    private static final byte[] X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519PublicKeys() {}

    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_HEADER.length + RAW_LENGTH
                || !Arrays.equals(encoded, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length)) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(encoded, X509_HEADER.length, encoded.length);
    }

    static PublicKey fromRaw(byte[] raw) throws GeneralSecurityException {
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + RAW_LENGTH + " bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_HEADER, X509_HEADER.length + RAW_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_HEADER.length, RAW_LENGTH);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /**
     * Parses {@code whpk_<base64 of 32 bytes>}.
     *
     * @throws IllegalArgumentException if it is not that; the message does not contain the input
     */
    static byte[] parse(String publicKey) {
        if (publicKey == null || !publicKey.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a public key must be '" + PREFIX + "' followed by base64 of 32 bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(publicKey.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("a public key must be '" + PREFIX + "' followed by base64 of 32 bytes");
        }
        return raw;
    }

    /** True if {@code signature} is a valid Ed25519 signature by {@code raw} of prefix ‖ body. */
    static boolean verify(byte[] raw, byte[] prefix, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(fromRaw(raw));
            verifier.update(prefix);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature or a key that is not on the curve verifies nothing
        }
    }
}
