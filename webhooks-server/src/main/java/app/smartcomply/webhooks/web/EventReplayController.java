package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.event.EventReplay;
import app.smartcomply.webhooks.event.ReplayedEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events/{id}/replay}: a past event sent again, as new deliveries. */
@RestController
@RequestMapping(path = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Events")
class EventReplayController {

    private static final String EXAMPLE_REQUEST = """
      {"endpoint_ids": ["whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"]}""";

    private static final String EXAMPLE_ANSWER = """
      {"event_id": "evt_0192f1a2b3c4d5e6f708192a3b4c5d6e",
       "deliveries": [{"endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
                       "delivery_id": "whd_0193a7b8c9d0e1f2a3b4c5d6e7f80912"}]}""";

    private final EventReplay replay;

    EventReplayController(EventReplay replay) {
        this.replay = replay;
    }

    @Schema(name = "ReplayEvent")
    record Request(
            @ArraySchema(
                    maxItems = EventReplay.MAX_ENDPOINTS,
                    arraySchema =
                            @Schema(
                                    description =
                                            "Endpoints (whe_…) of the event's account and mode, each active and subscribed to the event's type. "
                                                    + "Leave out to send to every active endpoint subscribed to the type now."))
            List<String> endpointIds) {}

    @Schema(name = "ReplayedEvent")
    record Replayed(String eventId, List<NewDelivery> deliveries) {
        static Replayed of(ReplayedEvent replayed) {
            return new Replayed(
                    replayed.eventId(),
                    replayed.deliveries().stream()
                            .map(d -> new NewDelivery(d.endpointId(), d.deliveryId()))
                            .toList());
        }
    }

    @Schema(name = "ReplayedDelivery")
    record NewDelivery(String endpointId, String deliveryId) {}

    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "replayEvent",
            summary = "Replay an event",
            description =
                    "Sends a past event again: one new delivery (a new whd_ id; the same event id, payload and "
                            + "signature scheme) per endpoint, retried like any delivery. Without endpoint_ids, to every active "
                            + "endpoint of the event's account and mode subscribed to its type now (none: an empty list). With them, "
                            + "each must be the account's, of the event's mode, active and subscribed to the type. With an account "
                            + "key (scope full) for its own events of the key's mode, or with the admin key for any event. "
                            + "The service's own webhook.* events cannot be replayed (400 event_not_replayable). The body is optional.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            schema = @Schema(implementation = Request.class),
                                            examples = @ExampleObject(name = "one endpoint", value = EXAMPLE_REQUEST))))
    @ApiResponse(
            responseCode = "202",
            description = "The new deliveries, queued; one per endpoint.",
            content =
                    @Content(
                            schema = @Schema(implementation = Replayed.class),
                            examples = @ExampleObject(name = "replayed", value = EXAMPLE_ANSWER)))
    @ApiResponse(
            responseCode = "403",
            description = "A read-only key (insufficient_scope).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such event in this account and mode (resource_missing), or it "
                    + "is older than the retention period (event_purged).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A named endpoint is disabled (endpoint_disabled, param " + "endpoint_ids[i]).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    @SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
    Replayed replay(
            Caller caller, AuditContext audit, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Optional<List<String>> endpointIds =
                JsonBody.of(body, Set.of("endpoint_ids")).optionalStringList("endpoint_ids");
        return Replayed.of(
                switch (caller) {
                    case Caller.Customer customer ->
                        replay.replay(customer.accountId(), customer.mode(), id, endpointIds, audit);
                    case Caller.Platform platform -> replay.replayAsPlatform(id, endpointIds, audit);
                });
    }
}
