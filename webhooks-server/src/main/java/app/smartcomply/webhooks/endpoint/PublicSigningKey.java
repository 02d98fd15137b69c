package app.smartcomply.webhooks.endpoint;

/**
 * The public half of an endpoint's current {@code v1a} signing key, shown on the endpoint.
 *
 * @param publicKey {@code whpk_} + base64 of the raw 32-byte Ed25519 key
 * @param jwksId the stable, unguessable name of the endpoint's key set, served as a JWKS
 */
public record PublicSigningKey(String publicKey, String jwksId) {}
