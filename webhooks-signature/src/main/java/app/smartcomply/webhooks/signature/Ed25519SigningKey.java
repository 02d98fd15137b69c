package app.smartcomply.webhooks.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's Ed25519 signing key for Standard Webhooks {@code v1a} signatures, JDK crypto only.
 *
 * <p>The private half never leaves the sender: {@link #encoded()} is its PKCS#8 form and the raw
 * public key, each standard base64, joined by a dot, for storing (encrypted); {@link
 * #fromEncoded} reads it back. (The JDK writes PKCS#8 without the public key and cannot derive
 * it, so both are kept; reading checks that they belong together.) The public half is what
 * receivers get, as {@link #publicKey()}: {@code whpk_} + standard base64 of the raw 32-byte key
 * (RFC 8032), the form the Standard Webhooks libraries take.
 *
 * <p>Immutable and thread-safe: each {@link #sign} uses its own {@link Signature}. {@link
 * #toString()} shows only the public key.
 */
public final class Ed25519SigningKey {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final byte[] rawPublicKey;

    private Ed25519SigningKey(PrivateKey privateKey, byte[] rawPublicKey) {
        this.privateKey = privateKey;
        this.rawPublicKey = rawPublicKey;
    }

    /** A new key pair from the JDK's default strong random source. */
    public static Ed25519SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new Ed25519SigningKey(pair.getPrivate(), Ed25519PublicKeys.raw(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no Ed25519", e);
        }
    }

    /**
     * Reads a key stored with {@link #encoded()}.
     *
     * @throws IllegalArgumentException if {@code encoded} is not base64 of an Ed25519 PKCS#8 key;
     *     the message does not contain the input
     */
    public static Ed25519SigningKey fromEncoded(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        try {
            int dot = encoded.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException();
            }
            Base64.Decoder base64 = Base64.getDecoder();
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(base64.decode(encoded.substring(0, dot))));
            byte[] rawPublic = base64.decode(encoded.substring(dot + 1));
            Ed25519SigningKey signingKey = new Ed25519SigningKey(key, rawPublic);
            // A half swapped with another key's would sign what no receiver can verify: refuse it.
            byte[] probe = {'p', 'r', 'o', 'b', 'e'};
            if (!Ed25519PublicKeys.verify(rawPublic, probe, new byte[0], signingKey.sign(probe, new byte[0]))) {
                throw new IllegalArgumentException();
            }
            return signingKey;
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("not a stored Ed25519 signing key");
        }
    }

    /** {@code base64(PKCS#8 private key) "." base64(raw public key)} — a secret: store it encrypted. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(privateKey.getEncoded()) + "." + base64.encodeToString(rawPublicKey);
    }

    /** {@code whpk_} + standard base64 of the raw 32-byte public key. */
    public String publicKey() {
        return Ed25519PublicKeys.PREFIX + Base64.getEncoder().encodeToString(rawPublicKey);
    }

    /** The raw 32-byte public key (RFC 8032 encoding), a copy. */
    public byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    /** The 64-byte Ed25519 signature of {@code prefix} followed by {@code body}. */
    byte[] sign(byte[] prefix, byte[] body) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(prefix);
            signature.update(body);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519SigningKey key && Arrays.equals(rawPublicKey, key.rawPublicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rawPublicKey);
    }

    @Override
    public String toString() {
        return "Ed25519SigningKey[" + publicKey() + "]";
    }
}
