package app.smartcomply.webhooks.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Shapes the API reference shows for bodies the controllers handle as plain JSON: request bodies
 * (read field by field by {@link JsonBody}, so errors can name the exact {@code param}), events
 * (sent as the stored payload bytes), and problems. Documentation only: nothing is bound to these
 * records, and a change to what the API accepts must be made in the controller and here.
 */
final class ApiSchemas {

    private ApiSchemas() {}

    static final String RATE_LIMIT = "Never send this endpoint more than per_second requests (1 to 10000) in any one"
            + " second, across every node. A 429 from the endpoint slows it down for a while instead of using up"
            + " one of the delivery's attempts. Null (or left out) for no limit; on PATCH, null removes it.";

    @Schema(name = "CreateEndpointRequest")
    record CreateEndpoint(
            @Schema(
                    description = "HTTPS URL that receives the POSTs (http:// and local addresses only in dev mode). "
                            + "At most 2048 characters, no credentials, no fragment.",
                    example = "https://your-app.example/webhooks/smartcomply",
                    requiredMode = RequiredMode.REQUIRED)
            String url,

            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description = "Event types to receive (see GET /api/v1/webhooks/event-types), "
                                            + "or [\"*\"] for all of them.",
                                    requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(example = "test.submitted"),
                    minItems = 1,
                    maxItems = 100)
            List<String> events,

            @Schema(
                    description = "Your note for this endpoint, at most 500 characters.",
                    example = "Production receiver",
                    nullable = true)
            String description,

            @Schema(
                    description =
                            "Also sign each delivery with an Ed25519 key (Standard Webhooks v1a, in webhook-signature "
                                    + "beside v1); the endpoint then shows public_key and jwks_url.",
                    defaultValue = "false")
            Boolean asymmetricSigning,

            @Schema(description = FILTER, nullable = true, example = FILTER_EXAMPLE)
            Object filter,

            @Schema(description = RATE_LIMIT, oneOf = RateLimitView.class)
            Object rateLimit,

            @Schema(description = HEADERS_RULES, nullable = true, example = "{\"Authorization\": \"Bearer 3f9c…\"}")
            Map<String, String> headers,

            @Schema(description = METADATA_RULES, nullable = true, example = "{\"team\": \"payments\"}")
            Map<String, String> metadata,

            @Schema(
                    description = ORDERING,
                    allowableValues = {"none", "fifo"},
                    defaultValue = "none")
            String ordering,

            @Schema(description = ORDERING_KEY, nullable = true, example = "notice_id")
            String orderingKey) {}

    /** What ordering means, as on create and update. */
    static final String ORDERING =
            "\"fifo\": a delivery is not sent before the one published before it to this endpoint"
                    + " (and ordering_key) has succeeded or ended in the dead letter; its retries hold the line, so one"
                    + " failing delivery delays the ones behind it, and the line sends one at a time. \"none\" (the default):"
                    + " sent as soon as there is room, several at once.";

    /** What ordering_key means, as on create and update. */
    static final String ORDERING_KEY = "With ordering \"fifo\": a dotted path into the event's data (e.g. notice_id);"
            + " deliveries are ordered among those with the same value there, and lines of different values are sent"
            + " side by side. An event whose data lacks it (or holds null, an object or an array there) goes in the"
            + " endpoint's keyless line. Must be in the data schema of a subscribed event type. null: one line for"
            + " the whole endpoint.";

    /** The metadata rules, as on create and update. */
    static final String METADATA_RULES = "Your own labels, key to value: at most 50 keys of 1-40 letters, digits or"
            + " _-.: characters, values of at most 500 characters without control characters.";

    /** The custom-header rules, as on create and update. */
    static final String HEADERS_RULES = "Headers to send with every delivery, name to value. At most 20, 8 KiB in all;"
            + " names are HTTP tokens, not Host, Content-Length, Content-Type, Content-Encoding, Transfer-Encoding,"
            + " Connection or another hop-by-hop header, Expect, User-Agent, traceparent, tracestate,"
            + " Proxy-Authorization, X-SmartComply-* or webhook-*; values visible ASCII. Stored encrypted; reads show"
            + " each value as ********.";

    static final String FILTER = "Deliver only events whose data matches this MongoDB-style query: "
            + "{\"field\": value} or {\"field\": {\"$op\": operand}} with $eq $ne $in $nin $gt $gte $lt $lte $exists $not, "
            + "combined with $and, $or, $not; dotted paths reach nested fields. Each field must be in the data schema of "
            + "a subscribed event type. At most 4 KiB, 50 conditions, 5 levels of nesting. null or {} removes it.";

    static final String FILTER_EXAMPLE = "{\"severity\": {\"$in\": [\"high\", \"critical\"]}}";

    @Schema(
            name = "UpdateEndpointRequest",
            description = "Send only the fields to change; the others stay as they are.")
    record UpdateEndpoint(
            @Schema(description = "New URL, same rules as on create.")
            String url,

            @ArraySchema(
                    arraySchema = @Schema(description = "New list of event types, or [\"*\"]; replaces the old list."),
                    minItems = 1,
                    maxItems = 100)
            List<String> events,

            @Schema(description = "New note; null or \"\" clears it.", nullable = true)
            String description,

            @Schema(
                    description = "Switch deliveries off and on. Re-activating clears the disabled reason.",
                    allowableValues = {"active", "disabled"})
            String status,

            @Schema(description = "Switch v1a (Ed25519) signatures on or off; off retires every signing key at once.")
            Boolean asymmetricSigning,

            @Schema(description = FILTER, nullable = true, example = FILTER_EXAMPLE)
            Object filter,

            @Schema(description = RATE_LIMIT, oneOf = RateLimitView.class)
            Object rateLimit,

            @Schema(
                    description = "Replaces every custom header; null or {} removes them. " + HEADERS_RULES,
                    nullable = true)
            Map<String, String> headers,

            @Schema(
                    description = "Replaces all the metadata; null or {} removes it. " + METADATA_RULES,
                    nullable = true)
            Map<String, String> metadata,

            @Schema(
                    description = ORDERING + " Switched off, deliveries queued in a line are sent at once; switched on,"
                            + " deliveries published from then on are ordered. \"none\" also removes ordering_key.",
                    allowableValues = {"none", "fifo"})
            String ordering,

            @Schema(
                    description = ORDERING_KEY + " Needs ordering \"fifo\" (already, or in the same request); a new key"
                            + " applies to deliveries published from then on.",
                    nullable = true,
                    example = "notice_id")
            String orderingKey) {}

    @Schema(name = "RotateSecretRequest")
    record RotateSecret(
            @Schema(
                    description = "How long the previous secret keeps signing alongside the new one, in seconds.",
                    minimum = "0",
                    maximum = "604800",
                    defaultValue = "86400",
                    example = "86400")
            Long gracePeriodSeconds) {}

    @Schema(name = "RecoverRequest")
    record Recover(
            @Schema(
                    description = "Re-queue failed deliveries created at or after this moment (ISO-8601 UTC). "
                            + "Default: all failed deliveries of the endpoint.",
                    format = "date-time",
                    example = "2026-05-05T00:00:00.000Z")
            String since) {}

    @Schema(name = "PublishEventRequest")
    record PublishEvent(
            @Schema(
                    description = "The account whose endpoints receive the event.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30")
            String accountId,

            @Schema(
                    description = "A publishable type of the catalog (not webhook.*).",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "test.submitted")
            String type,

            @Schema(
                    description = "The event's data; must match the type's JSON Schema; at most 256 KiB.",
                    requiredMode = RequiredMode.REQUIRED)
            JsonNode data,

            @Schema(
                    description = "live (default) or test: which of the account's endpoints receive it — those made "
                            + "with its sc_live_ keys, or those made with its sc_test_ keys.",
                    allowableValues = {"live", "test"},
                    example = "live")
            String mode) {}

    @Schema(name = "CreateAccountRequest")
    record CreateAccount(
            @Schema(
                    description = "The account's display name, 1 to 200 characters.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "Acme Compliance Ltd")
            String name,

            @Schema(
                    description = "Optional contact address for notices about failing and disabled endpoints; at most "
                            + "254 characters.",
                    example = "ops@acme.example")
            String email) {}

    @Schema(name = "UpdateAccountRequest")
    record UpdateAccount(
            @Schema(
                    description = "Contact address for notices about failing and disabled endpoints; null or \"\" "
                            + "removes it.",
                    example = "ops@acme.example",
                    nullable = true)
            String email) {}

    @Schema(name = "Event", description = "Exactly the JSON body that endpoints receive, followed by mode.")
    record Event(
            @Schema(
                    description = "evt_ + 32 hex; stable across retries — deduplicate on it.",
                    example = "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
                    requiredMode = RequiredMode.REQUIRED)
            String id,

            @Schema(example = "test.submitted", requiredMode = RequiredMode.REQUIRED)
            String type,

            @Schema(format = "date-time", example = "2026-05-05T14:00:00.000Z", requiredMode = RequiredMode.REQUIRED)
            String createdAt,

            @Schema(
                    description = "Shaped by the type's schema in the event catalog.",
                    requiredMode = RequiredMode.REQUIRED)
            JsonNode data,

            @Schema(
                    description = "live, or test for an event published in test mode. Not part of the payload "
                            + "endpoints receive.",
                    allowableValues = {"live", "test"},
                    example = "live",
                    requiredMode = RequiredMode.REQUIRED)
            String mode) {}

    @Schema(name = "EventList")
    record EventList(List<Event> data, boolean hasMore) {}

    @Schema(name = "EndpointList")
    record EndpointList(List<EndpointViews.View> data, boolean hasMore) {}

    @Schema(name = "DeliveryList")
    record DeliveryList(List<DeliveryViews.View> data, boolean hasMore) {}

    @Schema(name = "Problem", description = "RFC 9457 problem details, as application/problem+json.")
    record Problem(
            @Schema(example = "about:blank") String type,
            @Schema(example = "Bad Request") String title,
            @Schema(example = "400") int status,

            @Schema(description = "What went wrong and how to fix it, for a human.")
            String detail,

            @Schema(description = "The request path.") String instance,

            @Schema(description = "Machine-readable reason to switch on, e.g. unknown_event_type, resource_missing.")
            String code,

            @Schema(
                    description = "For input errors: the offending field, query parameter or header, e.g. events[1].",
                    nullable = true)
            String param) {}

    @Schema(name = "CreateApiKeyRequest", description = "Every field is optional.")
    record CreateApiKey(
            @Schema(
                    description = "Your label for the key, at most 100 characters.",
                    example = "Reporting job",
                    nullable = true)
            String name,

            @Schema(
                    description =
                            "full (default) or read_only: a read-only key gets 403 insufficient_scope on every write.",
                    allowableValues = {"full", "read_only"})
            String scope,

            @Schema(
                    description = "live (default, sc_live_…) or test (sc_test_…).",
                    allowableValues = {"live", "test"})
            String mode) {}

    @Schema(name = "RollApiKeyRequest")
    record RollApiKey(
            @Schema(
                    description = "Seconds the old key keeps working: 0 to 604800 (7 days), default 86400.",
                    example = "3600")
            Long expiresIn) {}

    @Schema(name = "ApiKeyList")
    record ApiKeyList(List<ApiKeyViews.View> data, boolean hasMore) {}
}
