package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.endpoint.EndpointOptions;
import app.smartcomply.webhooks.endpoint.EndpointPatch;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.error.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/api/v1/webhooks/endpoints", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Endpoints", description = "Register, change and remove the URLs that receive your webhooks.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class EndpointController {

    private static final Set<String> CREATE_FIELDS = Set.of(
            "url",
            "events",
            "description",
            "headers",
            "metadata",
            EndpointOptionsBody.ASYMMETRIC_SIGNING,
            EndpointOptionsBody.FILTER,
            EndpointOptionsBody.ORDERING,
            EndpointOptionsBody.ORDERING_KEY,
            EndpointOptionsBody.RATE_LIMIT);
    private static final Set<String> PATCH_FIELDS = Set.of(
            "url",
            "events",
            "description",
            "status",
            "headers",
            "metadata",
            EndpointOptionsBody.ASYMMETRIC_SIGNING,
            EndpointOptionsBody.FILTER,
            EndpointOptionsBody.ORDERING,
            EndpointOptionsBody.ORDERING_KEY,
            EndpointOptionsBody.RATE_LIMIT);
    private static final Set<String> ROTATE_FIELDS = Set.of("grace_period_seconds");

    private final EndpointService endpoints;
    private final EndpointOptions options;

    EndpointController(EndpointService endpoints, EndpointOptions options) {
        this.endpoints = endpoints;
        this.options = options;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createEndpoint",
            summary = "Create an endpoint",
            description = "Registers a URL for the given event types (or \"*\"). The answer holds the signing secret "
                    + "in full — the only time it is returned: store it, e.g. as SMARTCOMPLY_WEBHOOK_SECRET.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.CreateEndpoint.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "quickstart",
                                                            value = ApiExamples.CREATE_ENDPOINT))))
    @ApiResponse(
            responseCode = "201",
            description = "Created, active, with its signing secret in full.",
            content =
                    @Content(
                            schema = @Schema(implementation = EndpointViews.Created.class),
                            examples = @ExampleObject(name = "created", value = ApiExamples.CREATED_ENDPOINT)))
    @ApiResponse(
            responseCode = "409",
            description = "The account has the most endpoints it may have "
                    + "(webhooks.limits.endpoints-per-account, default 1,000): limit_exceeded, param endpoints.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "limit_exceeded",
                                            value = ApiExamples.ENDPOINT_LIMIT_EXCEEDED)))
    EndpointViews.Created create(Caller.Customer caller, AuditContext audit, @RequestBody JsonNode body) {
        JsonBody request = JsonBody.of(body, CREATE_FIELDS);
        String url = request.requiredString("url");
        var events = request.optionalStringList("events")
                .orElseThrow(() -> new InvalidInputException(
                        "parameter_missing", "events", "events is required: a list of event types, or [\"*\"]."));
        return EndpointViews.Created.of(options.create(
                caller.accountId(),
                caller.mode(),
                url,
                events,
                request.optionalString("description").orElse(null),
                request.optionalStringMap("headers").orElse(Map.of()),
                request.optionalStringMap("metadata").orElse(Map.of()),
                EndpointOptionsBody.of(request),
                audit));
    }

    @GetMapping
    @Operation(
            operationId = "listEndpoints",
            summary = "List endpoints",
            description =
                    "The endpoints of the key's mode (live or test), newest first, cursor-paginated. Secrets are masked. "
                            + "Filter by metadata with metadata[key]=value, repeated for several keys (an endpoint must have all of "
                            + "them): ?metadata[team]=payments&metadata[env]=prod.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of endpoints.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.EndpointList.class),
                            examples = @ExampleObject(name = "page", value = ApiExamples.ENDPOINT_LIST)))
    // metadata[key]=value is described in words, not as an OpenAPI deepObject parameter: Java clients
    // that openapi-generator (7.25, native library) makes from a deepObject of free-form keys do not compile.
    @QueryParamFamily("metadata")
    ListResponse<EndpointViews.View> list(
            Caller.Customer caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            HttpServletRequest request) {
        PageParams page = PageParams.of(limit, startingAfter, "whe_");
        return ListResponse.of(endpoints
                .list(
                        caller.accountId(),
                        caller.mode(),
                        page.limit(),
                        page.startingAfter(),
                        DeepObjectParams.values(request, "metadata"))
                .map(EndpointViews.View::of));
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getEndpoint",
            summary = "Retrieve an endpoint",
            description = "The signing secret is masked.")
    @ApiResponse(
            responseCode = "200",
            description = "The endpoint.",
            content =
                    @Content(
                            schema = @Schema(implementation = EndpointViews.View.class),
                            examples = @ExampleObject(name = "endpoint", value = ApiExamples.ENDPOINT)))
    EndpointViews.View get(Caller.Customer caller, @PathVariable String id) {
        return EndpointViews.View.of(endpoints.get(caller.accountId(), caller.mode(), id));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "updateEndpoint",
            summary = "Update an endpoint",
            description = "Change url, events, description or status (active / disabled). Fields left out stay as they "
                    + "are. A disabled endpoint gets no new deliveries until it is active again; its pending deliveries "
                    + "wait, with next_attempt_at null, and are sent as soon as it is active again.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.UpdateEndpoint.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "change events",
                                                        value = ApiExamples.UPDATE_EVENTS),
                                                @ExampleObject(
                                                        name = "Ed25519 signatures and a filter",
                                                        value = ApiExamples.UPDATE_SIGN_AND_FILTER),
                                                @ExampleObject(
                                                        name = "ordered delivery per notice",
                                                        value = ApiExamples.UPDATE_ORDERING),
                                                @ExampleObject(
                                                        name = "rate limit",
                                                        value = ApiExamples.UPDATE_RATE_LIMIT),
                                                @ExampleObject(name = "disable", value = ApiExamples.UPDATE_DISABLE),
                                                @ExampleObject(
                                                        name = "clear description",
                                                        value = ApiExamples.UPDATE_CLEAR_DESCRIPTION)
                                            })))
    @ApiResponse(
            responseCode = "200",
            description = "The endpoint as it is now.",
            content =
                    @Content(
                            schema = @Schema(implementation = EndpointViews.View.class),
                            examples = @ExampleObject(name = "endpoint", value = ApiExamples.ENDPOINT)))
    @ApiResponse(
            responseCode = "409",
            description = "The endpoint's status kept changing while the update was "
                    + "applied (the service disabled it meanwhile, say). Read it again and retry.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    EndpointViews.View update(
            Caller.Customer caller, AuditContext audit, @PathVariable String id, @RequestBody JsonNode body) {
        JsonBody request = JsonBody.of(body, PATCH_FIELDS);
        Optional<String> description = request.has("description")
                ? Optional.of(request.optionalString("description").orElse(""))
                : Optional.empty();
        Optional<EndpointStatus> status = request.has("status") ? Optional.of(status(request)) : Optional.empty();
        if (request.has("url") && request.optionalString("url").isEmpty()) {
            throw new InvalidInputException("url_required", "url", "url cannot be null.");
        }
        if (request.has("events") && request.optionalStringList("events").isEmpty()) {
            throw new InvalidInputException("events_required", "events", "events cannot be null.");
        }
        // headers: an object replaces them all; null (or {}) removes them.
        Optional<Map<String, String>> headers = request.has("headers")
                ? Optional.of(request.optionalStringMap("headers").orElse(Map.of()))
                : Optional.empty();
        // metadata: the same — an object replaces it all; null (or {}) removes it.
        Optional<Map<String, String>> metadata = request.has("metadata")
                ? Optional.of(request.optionalStringMap("metadata").orElse(Map.of()))
                : Optional.empty();
        EndpointPatch patch = new EndpointPatch(
                request.optionalString("url"),
                request.optionalStringList("events"),
                description,
                status,
                headers,
                metadata);
        return EndpointViews.View.of(
                options.update(caller.accountId(), caller.mode(), id, patch, EndpointOptionsBody.of(request), audit));
    }

    /** The requested status; null is not one (an endpoint always has a status). */
    private static EndpointStatus status(JsonBody request) {
        return request.optionalString("status")
                .map(EndpointStatus::fromWireName)
                .orElseThrow(() -> new InvalidInputException(
                        "invalid_status", "status", "status must be \"active\" or \"disabled\"."));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteEndpoint",
            summary = "Delete an endpoint",
            description = "Its pending deliveries are cancelled.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    void delete(Caller.Customer caller, AuditContext audit, @PathVariable String id) {
        endpoints.delete(caller.accountId(), caller.mode(), id, audit);
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(
            operationId = "rotateEndpointSecret",
            summary = "Rotate the signing secret",
            description = "Returns the new secret once. The previous one keeps signing (header: old v1 first, new v1 "
                    + "last) for grace_period_seconds (default 86400, at most 604800), so receivers can switch without "
                    + "dropping a delivery. The body is optional.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.RotateSecret.class),
                                            examples = @ExampleObject(name = "one day", value = ApiExamples.ROTATE))))
    @ApiResponse(
            responseCode = "200",
            description = "The new secret, in full — only here.",
            content =
                    @Content(
                            schema = @Schema(implementation = EndpointViews.Rotated.class),
                            examples = @ExampleObject(name = "rotated", value = ApiExamples.ROTATED)))
    EndpointViews.Rotated rotate(
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
        return EndpointViews.Rotated.of(
                endpoints.rotateSecret(caller.accountId(), caller.mode(), id, Duration.ofSeconds(grace), audit));
    }
}
