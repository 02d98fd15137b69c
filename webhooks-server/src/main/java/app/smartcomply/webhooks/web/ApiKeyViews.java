package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKey;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.ApiKeyScope;
import app.smartcomply.webhooks.account.ApiKeys;
import app.smartcomply.webhooks.account.IssuedKey;
import app.smartcomply.webhooks.event.WireFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * API keys on the wire, and the reading of their request bodies — shared by the account's own
 * routes and the admin routes, which take the same bodies.
 */
final class ApiKeyViews {

    static final Set<String> CREATE_FIELDS = Set.of("name", "scope", "mode");
    static final Set<String> ROLL_FIELDS = Set.of("expires_in");

    private ApiKeyViews() {}

    @Schema(name = "ApiKey", description = "An API key as it can be shown again: never the key itself.")
    record View(
            String id,
            String accountId,
            @Schema(nullable = true) String name,

            @Schema(description = "The key's first characters, e.g. sc_live_3f9a.")
            String prefix,

            @Schema(description = "The key's last four characters.")
            String lastFour,

            @Schema(allowableValues = {"full", "read_only"}) String scope,
            @Schema(allowableValues = {"live", "test"}) String mode,

            @Schema(allowableValues = {"active", "expiring", "expired", "revoked"})
            String status,

            String createdAt,

            @Schema(nullable = true, description = "To the minute.")
            String lastUsedAt,

            @Schema(nullable = true) String revokedAt,

            @Schema(nullable = true, description = "Set once the key was rolled: when it stops working.")
            String expiresAt) {

        static View of(ApiKey key, long now) {
            return new View(
                    key.id(),
                    key.accountId(),
                    key.name(),
                    key.prefix(),
                    key.lastFour(),
                    key.scope().wire(),
                    key.mode().wire(),
                    key.status(now),
                    WireFormat.timestamp(key.createdAt()),
                    WireFormat.timestamp(key.lastUsedAt()),
                    WireFormat.timestamp(key.revokedAt()),
                    WireFormat.timestamp(key.expiresAt()));
        }
    }

    @Schema(name = "CreatedApiKey", description = "A new key, shown in full only in this answer.")
    record Created(
            String id,
            String accountId,
            @Schema(nullable = true) String name,
            String prefix,
            String scope,
            String mode,
            String createdAt,

            @Schema(description = "The key itself: store it now, it is never shown again.")
            String apiKey) {

        static Created of(IssuedKey issued) {
            ApiKey key = issued.key();
            return new Created(
                    key.id(),
                    key.accountId(),
                    key.name(),
                    key.prefix(),
                    key.scope().wire(),
                    key.mode().wire(),
                    WireFormat.timestamp(key.createdAt()),
                    issued.plaintext());
        }
    }

    @Schema(name = "RolledApiKey", description = "The replacement key (shown only here) and the key it replaces.")
    record Rolled(
            String id,
            String accountId,
            @Schema(nullable = true) String name,
            String prefix,
            String scope,
            String mode,
            String createdAt,
            String apiKey,

            @Schema(description = "The old key, working until its expires_at.")
            View previousKey) {

        static Rolled of(ApiKeys.Rolled rolled, long now) {
            Created created = Created.of(rolled.replacement());
            return new Rolled(
                    created.id(),
                    created.accountId(),
                    created.name(),
                    created.prefix(),
                    created.scope(),
                    created.mode(),
                    created.createdAt(),
                    created.apiKey(),
                    View.of(rolled.previous(), now));
        }
    }

    /** A create body; every field optional (scope full, mode live). */
    static ApiKeys.NewKey newKey(JsonNode body) {
        JsonBody request = JsonBody.of(body, CREATE_FIELDS);
        return new ApiKeys.NewKey(
                ApiKeys.validName(request.optionalString("name").orElse(null), "name"),
                request.optionalString("scope")
                        .map(s -> ApiKeyScope.parse(s, "scope"))
                        .orElse(ApiKeyScope.FULL),
                request.optionalString("mode")
                        .map(m -> ApiKeyMode.parse(m, "mode"))
                        .orElse(ApiKeyMode.LIVE));
    }

    /** A roll body's grace period; the range is checked by {@link ApiKeys#roll}. */
    static Duration rollGrace(JsonNode body) {
        JsonBody request = JsonBody.of(body, ROLL_FIELDS);
        return request.optionalLong("expires_in").map(Duration::ofSeconds).orElse(ApiKeys.DEFAULT_ROLL_GRACE);
    }
}
