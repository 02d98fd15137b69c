package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.ApiKeys;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The account's own API keys, managed with one of them (a full-scope one for changes). */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Create, list, revoke and roll your account's API keys.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class ApiKeyController {

    private final ApiKeys keys;
    private final Clock clock;

    ApiKeyController(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            operationId = "listApiKeys",
            summary = "List API keys",
            description = "All of the account's keys, newest first, revoked and expired ones included; never the keys "
                    + "themselves, only their first characters (prefix) and last four.")
    @ApiResponse(
            responseCode = "200",
            description = "The keys.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.ApiKeyList.class),
                            examples = @ExampleObject(name = "keys", value = ApiExamples.API_KEY_LIST)))
    ListResponse<ApiKeyViews.View> list(Caller.Customer caller) {
        long now = clock.millis();
        // Not paged: an account has a handful of keys (ApiKeys.MAX_LISTED bounds a pathological one).
        return new ListResponse<>(
                keys.list(caller.accountId()).stream()
                        .map(k -> ApiKeyViews.View.of(k, now))
                        .toList(),
                false);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key",
            description =
                    "scope full (default) or read_only — a read-only key gets 403 insufficient_scope on every "
                            + "write; mode live (default, sc_live_…) or test (sc_test_…). The key is shown only in this answer.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.CreateApiKey.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "read-only",
                                                            value = ApiExamples.CREATE_API_KEY))))
    @ApiResponse(
            responseCode = "201",
            description = "The new key, shown only here.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiKeyViews.Created.class),
                            examples = @ExampleObject(name = "created", value = ApiExamples.CREATED_KEY)))
    ApiKeyViews.Created create(
            Caller.Customer caller, AuditContext audit, @RequestBody(required = false) JsonNode body) {
        return ApiKeyViews.Created.of(keys.create(caller.accountId(), ApiKeyViews.newKey(body), audit));
    }

    @GetMapping("/{key_id}")
    @Operation(operationId = "getApiKey", summary = "Retrieve an API key")
    @ApiResponse(
            responseCode = "200",
            description = "The key (never the key itself).",
            content = @Content(schema = @Schema(implementation = ApiKeyViews.View.class)))
    ApiKeyViews.View get(Caller.Customer caller, @PathVariable("key_id") String keyId) {
        return ApiKeyViews.View.of(keys.get(caller.accountId(), keyId), clock.millis());
    }

    @PostMapping("/{key_id}/revoke")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description =
                    "The key stops working at once, on every node (401 api_key_revoked), and the dashboard sessions "
                            + "opened with it end. Revoking a revoked key changes nothing.")
    @ApiResponse(
            responseCode = "200",
            description = "The key, revoked.",
            content = @Content(schema = @Schema(implementation = ApiKeyViews.View.class)))
    ApiKeyViews.View revoke(Caller.Customer caller, AuditContext audit, @PathVariable("key_id") String keyId) {
        return ApiKeyViews.View.of(keys.revoke(caller.accountId(), keyId, audit), clock.millis());
    }

    @PostMapping("/{key_id}/roll")
    @Operation(
            operationId = "rollApiKey",
            summary = "Roll an API key",
            description =
                    "Returns a new key (same name, scope and mode), shown only here. The old key keeps working for "
                            + "expires_in seconds (default 86400, at most 604800; 0 stops it at once), then answers 401 "
                            + "api_key_expired. The body is optional.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.RollApiKey.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "one hour",
                                                            value = ApiExamples.ROLL_API_KEY))))
    @ApiResponse(
            responseCode = "200",
            description = "The new key, in full — only here — and the old one.",
            content = @Content(schema = @Schema(implementation = ApiKeyViews.Rolled.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The key is revoked or expired already (api_key_revoked, " + "api_key_expired).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    ApiKeyViews.Rolled roll(
            Caller.Customer caller,
            AuditContext audit,
            @PathVariable("key_id") String keyId,
            @RequestBody(required = false) JsonNode body) {
        return ApiKeyViews.Rolled.of(
                keys.roll(caller.accountId(), keyId, ApiKeyViews.rollGrace(body), audit), clock.millis());
    }
}
