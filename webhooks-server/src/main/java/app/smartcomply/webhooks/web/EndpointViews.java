package app.smartcomply.webhooks.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import app.smartcomply.webhooks.endpoint.CreatedEndpoint;
import app.smartcomply.webhooks.endpoint.CustomHeader;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.RotatedSecret;
import app.smartcomply.webhooks.event.WireFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How endpoints look on the wire. Field names are the quickstart's contract. */
final class EndpointViews {

    private EndpointViews() {}

    /** The create answer: the quickstart's fields, with the secret in full, then the mode. */
    @JsonPropertyOrder({
        "id",
        "url",
        "events",
        "description",
        "status",
        "signing_secret",
        "created_at",
        "mode",
        "headers",
        "metadata",
        "asymmetric_signing",
        "public_key",
        "jwks_url",
        "filter",
        "ordering",
        "ordering_key",
        "rate_limit"
    })
    @Schema(name = "CreatedEndpoint", description = "An endpoint just created, with its signing secret in full.")
    record Created(
            @Schema(requiredMode = REQUIRED) String id,
            @Schema(requiredMode = REQUIRED) String url,
            @Schema(requiredMode = REQUIRED) List<String> events,

            @Schema(requiredMode = REQUIRED, nullable = true)
            String description,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"active", "disabled"})
            String status,

            @Schema(requiredMode = REQUIRED) String signingSecret,

            @Schema(requiredMode = REQUIRED, format = "date-time")
            String createdAt,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"live", "test"})
            String mode,
            // Left out when there are none, so the quickstart's answer stays exactly what it shows.
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @Schema(description = HEADERS)
            Map<String, String> headers,

            @JsonInclude(JsonInclude.Include.NON_EMPTY) @Schema(description = METADATA)
            Map<String, String> metadata,

            @JsonUnwrapped EndpointOptionsView options) {

        static Created of(CreatedEndpoint created) {
            Endpoint e = created.endpoint();
            return new Created(
                    e.id(),
                    e.url(),
                    e.eventTypes(),
                    e.description(),
                    e.status().wireName(),
                    created.signingSecret(),
                    WireFormat.timestamp(e.createdAt()),
                    e.mode().wire(),
                    maskedHeaders(e),
                    e.metadata(),
                    EndpointOptionsView.of(e));
        }
    }

    /** Every other answer: the secret masked, plus state the customer needs to see. */
    @JsonPropertyOrder({
        "id",
        "url",
        "events",
        "description",
        "status",
        "disabled_reason",
        "signing_secret",
        "created_at",
        "updated_at",
        "mode",
        "kind",
        "headers",
        "metadata",
        "asymmetric_signing",
        "public_key",
        "jwks_url",
        "filter",
        "ordering",
        "ordering_key",
        "rate_limit"
    })
    @Schema(
            name = "Endpoint",
            description = "An endpoint; signing_secret is masked (whsec_… and its last 4 characters).")
    record View(
            @Schema(requiredMode = REQUIRED) String id,
            @Schema(requiredMode = REQUIRED) String url,
            @Schema(requiredMode = REQUIRED) List<String> events,

            @Schema(requiredMode = REQUIRED, nullable = true)
            String description,

            @Schema(
                    requiredMode = REQUIRED,
                    allowableValues = {"active", "disabled"})
            String status,

            @Schema(requiredMode = REQUIRED, nullable = true)
            String disabledReason,

            @Schema(requiredMode = REQUIRED) String signingSecret,

            @Schema(requiredMode = REQUIRED, format = "date-time")
            String createdAt,

            @Schema(requiredMode = REQUIRED, format = "date-time")
            String updatedAt,

            @Schema(
                    requiredMode = REQUIRED,
                    description =
                            "live, or test for an endpoint made with a sc_test_ key: it receives test events only.",
                    allowableValues = {"live", "test"})
            String mode,

            @Schema(
                    requiredMode = REQUIRED,
                    description =
                            "http, or listen for a `webhooks listen` session: its events go to the CLI that opened "
                                    + "it, never over HTTP from the service.",
                    allowableValues = {"http", "listen"})
            String kind,

            @Schema(requiredMode = REQUIRED, description = HEADERS)
            Map<String, String> headers,

            @Schema(requiredMode = REQUIRED, description = METADATA)
            Map<String, String> metadata,

            @JsonUnwrapped EndpointOptionsView options) {

        static View of(Endpoint e) {
            return new View(
                    e.id(),
                    e.url(),
                    e.eventTypes(),
                    e.description(),
                    e.status().wireName(),
                    e.disabledReason(),
                    e.secretHint(),
                    WireFormat.timestamp(e.createdAt()),
                    WireFormat.timestamp(e.updatedAt()),
                    e.mode().wire(),
                    e.kind().wire(),
                    maskedHeaders(e),
                    e.metadata(),
                    EndpointOptionsView.of(e));
        }
    }

    private static final String HEADERS = "Custom headers sent with every delivery: their names, each value masked"
            + " as ******** (values are stored encrypted and never returned).";

    private static final String METADATA = "Your own labels for the endpoint, key to value (at most 50; keys of"
            + " 1-40 letters, digits or _-.:, values of at most 500 characters). Filter the list with metadata[key]=value.";

    /** The endpoint's custom header names, each with the same mask for a value. */
    private static Map<String, String> maskedHeaders(Endpoint e) {
        Map<String, String> masked = new LinkedHashMap<>();
        e.customHeaderNames().forEach(name -> masked.put(name, CustomHeader.MASKED_VALUE));
        return masked;
    }

    /** The rotate answer: the new secret in full, once. */
    @Schema(name = "RotatedSecret")
    record Rotated(String id, String signingSecret, String previousSecretExpiresAt) {

        static Rotated of(RotatedSecret rotated) {
            return new Rotated(
                    rotated.endpointId(),
                    rotated.signingSecret(),
                    WireFormat.timestamp(rotated.previousSecretExpiresAt()));
        }
    }
}
