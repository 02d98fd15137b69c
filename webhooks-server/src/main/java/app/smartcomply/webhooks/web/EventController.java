package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.event.EventPublisher;
import app.smartcomply.webhooks.event.EventReader;
import app.smartcomply.webhooks.event.PublishedEvent;
import app.smartcomply.webhooks.tracing.Tracing;
import io.opentelemetry.context.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Events", description = "Publish (platform) and read back (account) events.")
class EventController {

    private final EventPublisher publisher;
    private final EventReader reader;
    private final JsonMapper json;
    private final Tracing tracing;
    private final PublishTargets targets;

    EventController(
            EventPublisher publisher, EventReader reader, JsonMapper json, Tracing tracing, PublishTargets targets) {
        this.targets = targets;
        this.publisher = publisher;
        this.reader = reader;
        this.json = json;
        this.tracing = tracing;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "publishEvent",
            summary = "Publish an event (platform), or trigger a test event (account test key)",
            description =
                    "With an account's test key (sc_test_…): publishes a test-mode event for the key's own account "
                            + "(account_id may be left out; data defaults to the type's catalog example), as ./webhooks trigger does. "
                            + "A live key is refused with 403 live_trigger_forbidden. With the admin key: commits the event and one delivery per subscribed, active endpoint of the account in the "
                            + "event's mode, together. mode is live (default) or test: a test event goes only to endpoints made "
                            + "with the account's sc_test_ keys, a live one only to those made with its sc_live_ keys. "
                            + "202 means it is durable and will be delivered at least once. A repeated Idempotency-Key returns "
                            + "the original event (header Idempotent-Replayed: true) and creates nothing; keys are remembered per "
                            + "account and mode.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = ApiSchemas.PublishEvent.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "test.submitted",
                                                            value = ApiExamples.PUBLISH))))
    @ApiResponse(
            responseCode = "202",
            description = "Stored, and queued for every subscribed active endpoint.",
            headers =
                    @Header(
                            name = "Idempotent-Replayed",
                            description =
                                    "true when an earlier request with the same Idempotency-Key created this event.",
                            schema = @Schema(type = "boolean")),
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.Event.class),
                            examples = @ExampleObject(name = "event", value = ApiExamples.EVENT)))
    @ApiResponse(
            responseCode = "409",
            description = "The Idempotency-Key was used before with other content.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "idempotency_key_reused",
                                            value = ApiExamples.IDEMPOTENCY_KEY_REUSED)))
    @ApiResponse(
            responseCode = "403",
            description =
                    "An account's live key (live_trigger_forbidden), or an account's "
                            + "key asking for live mode (live_trigger_forbidden, param mode) or another account (account_mismatch).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    ResponseEntity<byte[]> publish(
            Caller caller,
            AuditContext audit,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(
                            description =
                                    "W3C Trace Context of the caller. With tracing on (OTEL_* settings), the publish "
                                            + "and its deliveries join the caller's trace; otherwise ignored.")
                    @RequestHeader(name = Tracing.TRACEPARENT, required = false)
                    String traceparent,
            @RequestBody JsonNode body) {
        targets.authorize(caller);
        JsonBody request = JsonBody.of(body, Set.of("account_id", "type", "data", "mode"));
        PublishTargets.Target target = targets.of(caller, request);
        PublishedEvent published;
        try (Scope joined = tracing.joining(traceparent)) {
            published = publisher.publish(
                    target.accountId(), target.mode(), request.requiredString("type"), target.data(), idempotencyKey);
        }
        targets.triggered(caller, audit, List.of(published));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Idempotent-Replayed", Boolean.toString(published.replayed()))
                // The stored payload is already this exact JSON: sent as is (with its mode), not parsed and
                // re-serialized.
                .contentType(MediaType.APPLICATION_JSON)
                .body(EventViews.bytes(published.event()));
    }

    @GetMapping
    @Operation(
            operationId = "listEvents",
            summary = "List events",
            description = "This account's events of the key's mode (live or test), newest first; filter by type.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of events.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.EventList.class),
                            examples = @ExampleObject(name = "page", value = ApiExamples.EVENT_LIST)))
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    ListResponse<JsonNode> list(
            Caller.Customer caller,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        PageParams page = PageParams.of(limit, startingAfter, "evt_");
        return ListResponse.of(reader.list(caller.accountId(), caller.mode(), type, page.limit(), page.startingAfter())
                .map(event -> EventViews.of(event, json)));
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getEvent",
            summary = "Retrieve an event",
            description =
                    "Exactly the body its deliveries carry, followed by its mode. An event of the other mode than "
                            + "the key's is not found.")
    @ApiResponse(
            responseCode = "200",
            description = "The event.",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiSchemas.Event.class),
                            examples = @ExampleObject(name = "event", value = ApiExamples.EVENT)))
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    JsonNode get(Caller.Customer caller, @PathVariable String id) {
        return EventViews.of(reader.get(caller.accountId(), caller.mode(), id), json);
    }
}
