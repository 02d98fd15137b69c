package app.smartcomply.webhooks.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.PublicSigningKey;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint's optional features on the wire, unwrapped into the endpoint's JSON: asymmetric
 * signing (whether it has opted in, its current public key, where its JWKS is published) and its
 * filter, its delivery ordering and its rate limit. Every answer carries all seven, null when unset,
 * so each is required.
 */
record EndpointOptionsView(
        @Schema(
                requiredMode = REQUIRED,
                description = "Each delivery's webhook-signature also carries a v1a (Ed25519) entry.")
        boolean asymmetricSigning,

        @Schema(
                requiredMode = REQUIRED,
                description = "The current Ed25519 public key: whpk_ and base64 of the raw 32 bytes; null when "
                        + "asymmetric_signing is off.",
                nullable = true,
                example = "whpk_MCowBQYDK2VwAyEA0123456789abcdefghijklmnopqrstuvwx=")
        String publicKey,

        @Schema(
                requiredMode = REQUIRED,
                description = "The endpoint's public keys as a JWKS (RFC 8037), fetchable without an API key; the "
                        + "URL holds an unguessable id. Null when asymmetric_signing is off.",
                nullable = true)
        String jwksUrl,

        @Schema(
                requiredMode = REQUIRED,
                description =
                        "Only events whose data matches get a delivery: a MongoDB-style query ($eq $ne $in $nin "
                                + "$gt $gte $lt $lte $exists $and $or $not, dotted paths). Null: every event of the subscribed types.",
                nullable = true,
                example = "{\"severity\": {\"$in\": [\"high\", \"critical\"]}}")
        // Object, holding a JsonNode: swagger-core drops every @Schema attribute of a JsonNode-typed field.
        Object filter,

        @Schema(
                requiredMode = REQUIRED,
                description = "\"fifo\": each line's deliveries are sent one at a time, in the order published; a "
                        + "delivery waits until the one before it succeeded or ended in the dead letter. \"none\": "
                        + "sent as soon as there is room.",
                allowableValues = {"none", "fifo"})
        String ordering,

        @Schema(
                requiredMode = REQUIRED,
                description = "The dotted path into the event's data whose value makes a line; null: one line for "
                        + "the endpoint (and always with ordering \"none\"). Events without it go in the keyless line.",
                nullable = true,
                example = "notice_id")
        String orderingKey,

        @Schema(
                requiredMode = REQUIRED,
                description = "The most requests the endpoint is sent in any one second, across every node; "
                        + "null: no limit.",
                oneOf = RateLimitView.class)
        // Object, holding a RateLimitView: a field of the record's own type would be a bare $ref, which
        // drops the description and the null.
        Object rateLimit) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static EndpointOptionsView of(Endpoint endpoint) {
        PublicSigningKey key = endpoint.signingKey();
        JsonNode filter = endpoint.filter() == null ? null : JSON.readTree(endpoint.filter());
        String ordering = endpoint.ordering().wire();
        String orderingKey = endpoint.ordering().key();
        RateLimitView rateLimit = RateLimitView.of(endpoint.rateLimitPerSecond());
        return key == null
                ? new EndpointOptionsView(false, null, null, filter, ordering, orderingKey, rateLimit)
                : new EndpointOptionsView(
                        true, key.publicKey(), jwksUrl(key.jwksId()), filter, ordering, orderingKey, rateLimit);
    }

    /** Absolute, from the request being answered (and whatever forwarded headers the deployment trusts). */
    static String jwksUrl(String jwksId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(JwksController.PUBLIC_PATH)
                .buildAndExpand(jwksId)
                .toUriString();
    }
}
