package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.PublicSigningKey;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * An endpoint's asymmetric signing fields on the wire, unwrapped into the endpoint's JSON:
 * whether it has opted in, its current public key and where its JWKS is published.
 */
record SigningKeyView(
    @Schema(description = "Each delivery's webhook-signature also carries a v1a (Ed25519) entry.")
    boolean asymmetricSigning,
    @Schema(description = "The current Ed25519 public key: whpk_ and base64 of the raw 32 bytes; null when "
        + "asymmetric_signing is off.", nullable = true, example = "whpk_MCowBQYDK2VwAyEA0123456789abcdefghijklmnopqrstuvwx=")
    String publicKey,
    @Schema(description = "The endpoint's public keys as a JWKS (RFC 8037), fetchable without an API key; the "
        + "URL holds an unguessable id. Null when asymmetric_signing is off.", nullable = true)
    String jwksUrl) {

  static SigningKeyView of(Endpoint endpoint) {
    PublicSigningKey key = endpoint.signingKey();
    return key == null
        ? new SigningKeyView(false, null, null)
        : new SigningKeyView(true, key.publicKey(), jwksUrl(key.jwksId()));
  }

  /** Absolute, from the request being answered (and whatever forwarded headers the deployment trusts). */
  static String jwksUrl(String jwksId) {
    return ServletUriComponentsBuilder.fromCurrentContextPath()
        .path(JwksController.PUBLIC_PATH)
        .buildAndExpand(jwksId)
        .toUriString();
  }
}
