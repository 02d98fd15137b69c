package app.smartcomply.webhooks.endpoint;

/**
 * The outcome of a signing key rotation: the new public key, and until when the previous key
 * keeps signing beside it (each delivery carries a {@code v1a} entry of both until then).
 */
public record RotatedSigningKey(String endpointId, String publicKey, long previousKeyExpiresAt) {}
