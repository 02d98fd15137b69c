package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.endpoint.AsymmetricSigning;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Asymmetric ({@code v1a}) signing keys: rotation, and the public keys as a JWKS (RFC 7517, OKP
 * keys of RFC 8037).
 *
 * <p>The JWKS is served twice. Under the endpoint, with the account's key, like everything else
 * about it. And at {@value #PUBLIC_PATH} without any key, because the receiver that needs it
 * (or a gateway verifying for it) holds no API key of ours. Public keys are public, but endpoint
 * ids are not secrets (they sort by creation time and their random part is not drawn securely), so
 * the public URL is named by the key set's own id: 128 bits from a SecureRandom, stable across
 * rotations, shown only to the account. Unknown ids and deleted endpoints answer 404 alike.
 */
@RestController
@Tag(name = "Endpoints")
class JwksController {

    static final String PUBLIC_PATH = "/jwks/{jwks_id}.json";

    private static final Set<String> ROTATE_FIELDS = Set.of("grace_period_seconds");

    private final AsymmetricSigning signing;
    private final EndpointService endpoints;

    JwksController(AsymmetricSigning signing, EndpointService endpoints) {
        this.signing = signing;
        this.endpoints = endpoints;
    }

    /** One key of the set, RFC 8037: {@code x} is the raw public key, base64url without padding. */
    record Jwk(String kty, String crv, String x, String kid, String use, String alg) {}

    record Jwks(List<Jwk> keys) {}

    record RotatedKey(String id, String publicKey, String previousKeyExpiresAt) {}

    /**
     * No API key: the URL, shown as jwks_url on the endpoint, is the capability. Lists every key that
     * signs now — two during a rotation's grace period. Outside the API reference, which documents
     * the {@code /api/v1} surface; the endpoint's {@code jwks_url} field describes it.
     */
    @GetMapping(path = PUBLIC_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Hidden
    ResponseEntity<Jwks> publicJwks(@PathVariable("jwks_id") String jwksId) {
        List<AsymmetricSigning.PublishedKey> keys = jwksId.startsWith("jwks_") ? signing.keySet(jwksId) : List.of();
        if (keys.isEmpty()) {
            throw new NotFoundException("jwks", jwksId, "jwks_id");
        }
        // Short: after a rotation receivers should see the new key well within its grace period.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePublic())
                .body(jwks(keys));
    }

    @GetMapping(path = "/api/v1/webhooks/endpoints/{id}/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    @Operation(
            operationId = "getEndpointJwks",
            summary = "Public keys of an endpoint (JWKS)",
            description = "The same set as jwks_url, with the account's key. Empty when asymmetric_signing is off.")
    Jwks endpointJwks(Caller.Customer caller, @PathVariable String id) {
        Endpoint endpoint = endpoints.get(caller.accountId(), caller.mode(), id);
        return jwks(
                endpoint.signingKey() == null
                        ? List.of()
                        : signing.keySet(endpoint.signingKey().jwksId()));
    }

    @PostMapping(
            path = "/api/v1/webhooks/endpoints/{id}/rotate-signing-key",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    @Operation(
            operationId = "rotateEndpointSigningKey",
            summary = "Rotate the asymmetric signing key",
            description =
                    "Starts signing with a new Ed25519 key. The previous one keeps signing (a v1a entry for each, "
                            + "old first) for grace_period_seconds (default 86400, at most 604800). 409 asymmetric_signing_disabled "
                            + "if the endpoint has not opted in. The body is optional.")
    RotatedKey rotate(
            Caller.Customer caller,
            AuditContext audit,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        JsonBody request = JsonBody.of(body, ROTATE_FIELDS);
        long grace = request.optionalLong("grace_period_seconds").orElse(86_400L);
        if (grace < 0 || grace > EndpointService.MAX_GRACE_PERIOD.toSeconds()) {
            throw new InvalidInputException(
                    "invalid_grace_period",
                    "grace_period_seconds",
                    "grace_period_seconds must be between 0 and " + EndpointService.MAX_GRACE_PERIOD.toSeconds() + ".");
        }
        var rotated = signing.rotate(caller.accountId(), caller.mode(), id, Duration.ofSeconds(grace), audit);
        return new RotatedKey(
                rotated.endpointId(),
                rotated.publicKey(),
                app.smartcomply.webhooks.event.WireFormat.timestamp(rotated.previousKeyExpiresAt()));
    }

    private static Jwks jwks(List<AsymmetricSigning.PublishedKey> keys) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return new Jwks(keys.stream()
                .map(key -> new Jwk(
                        "OKP",
                        "Ed25519",
                        base64url.encodeToString(
                                Base64.getDecoder().decode(key.publicKey().substring("whpk_".length()))),
                        key.keyId(),
                        "sig",
                        "EdDSA"))
                .toList());
    }
}
