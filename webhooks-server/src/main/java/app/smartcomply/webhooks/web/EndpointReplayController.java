package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.check.EndpointChecks;
import app.smartcomply.webhooks.check.EndpointOwner;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.EndpointReplay;
import app.smartcomply.webhooks.event.EndpointReplays;
import app.smartcomply.webhooks.event.WireFormat;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Replays of a window of past events to one endpoint, as tracked jobs. The endpoint's own account
 * key works (its mode's endpoints only; scope full to start one), and so does the admin key.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks/endpoints/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Endpoints")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
class EndpointReplayController {

    private static final String EXAMPLE_REQUEST = """
      {"since": "2026-05-01T00:00:00Z", "until": "2026-05-02T00:00:00Z", "types": ["test.submitted"]}""";

    private static final String EXAMPLE = """
      {"id": "rpl_0196a1f4e7d25c8b3a9f6e1d4c7b2a95", "endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
       "since": "2026-05-01T00:00:00.000Z", "until": "2026-05-02T00:00:00.000Z", "types": ["test.submitted"],
       "status": "running", "total": 240, "created": 100, "error": null,
       "created_at": "2026-05-06T14:00:00.000Z", "completed_at": null}""";

    private final EndpointReplays replays;
    private final EndpointChecks checks;

    EndpointReplayController(EndpointReplays replays, EndpointChecks checks) {
        this.replays = replays;
        this.checks = checks;
    }

    @Schema(name = "StartEndpointReplay")
    record Request(
            @Schema(
                    description = "Start of the window (ISO-8601), inclusive.",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String since,

            @Schema(
                    description = "End of the window (ISO-8601), exclusive; default now. At most the retention period "
                            + "after since.")
            String until,

            @Schema(
                    description =
                            "Replay only these types (each subscribed by the endpoint); default: its subscription.")
            List<String> types) {}

    @Schema(name = "EndpointReplay")
    record View(
            String id,
            String endpointId,
            String since,
            String until,

            @Schema(description = "The types replayed; [\"*\"]: every type but the service's own webhook.* messages.")
            List<String> types,

            @Schema(allowableValues = {"running", "completed", "failed"})
            String status,

            @Schema(description = "Matching events when the replay started.")
            int total,

            @Schema(description = "Deliveries created so far.")
            int created,

            @Schema(description = "Why it failed, or null.") String error,
            String createdAt,
            String completedAt) {

        static View of(EndpointReplay r) {
            return new View(
                    r.id(),
                    r.endpointId(),
                    WireFormat.timestamp(r.since()),
                    WireFormat.timestamp(r.until()),
                    r.types(),
                    r.status(),
                    r.total(),
                    r.created(),
                    r.error(),
                    WireFormat.timestamp(r.createdAt()),
                    WireFormat.timestamp(r.completedAt()));
        }
    }

    @Schema(name = "EndpointReplayList")
    record ListView(List<View> data, boolean hasMore) {}

    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "replayEndpoint",
            summary = "Replay a window of events to an endpoint",
            description =
                    "Creates a new delivery to this endpoint of every event of its account and mode published in "
                            + "[since, until) whose type it subscribes to now (or one of types) — including those published while it "
                            + "was disabled — in order of publication, in batches, as one job. Returns at once with the running "
                            + "replay; poll GET …/replays/{replay_id}. One replay per endpoint at a time; the endpoint must be active.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = Request.class),
                                            examples = @ExampleObject(name = "one day", value = EXAMPLE_REQUEST))))
    @ApiResponse(
            responseCode = "202",
            description = "The replay, running.",
            content =
                    @Content(
                            schema = @Schema(implementation = View.class),
                            examples = @ExampleObject(name = "running", value = EXAMPLE)))
    @ApiResponse(
            responseCode = "403",
            description = "A read-only key (insufficient_scope).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The endpoint is disabled (endpoint_disabled), or a replay to it is "
                    + "running (replay_in_progress).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    View start(
            Caller caller, AuditContext audit, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        JsonBody request = JsonBody.of(body, Set.of("since", "until", "types"));
        long since = instant(request.requiredString("since"), "since");
        Long until = request.optionalString("until")
                .map(value -> instant(value, "until"))
                .orElse(null);
        EndpointOwner owner = owner(caller, id);
        return View.of(replays.start(
                owner.accountId(), owner.mode(), id, since, until, request.optionalStringList("types"), audit));
    }

    @GetMapping("/replays")
    @Operation(
            operationId = "listEndpointReplays",
            summary = "List an endpoint's replays",
            description = "Newest first; the last 20.")
    @ApiResponse(
            responseCode = "200",
            description = "The replays.",
            content = @Content(schema = @Schema(implementation = ListView.class)))
    ListView list(Caller caller, @PathVariable String id) {
        EndpointOwner owner = owner(caller, id);
        return new ListView(
                replays.list(owner.accountId(), owner.mode(), id).stream()
                        .map(View::of)
                        .toList(),
                false);
    }

    @GetMapping("/replays/{replay_id}")
    @Operation(
            operationId = "getEndpointReplay",
            summary = "Retrieve a replay",
            description = "Its status and progress (created of total).")
    @ApiResponse(
            responseCode = "200",
            description = "The replay.",
            content =
                    @Content(
                            schema = @Schema(implementation = View.class),
                            examples = @ExampleObject(name = "running", value = EXAMPLE)))
    View get(Caller caller, @PathVariable String id, @PathVariable("replay_id") String replayId) {
        EndpointOwner owner = owner(caller, id);
        return View.of(replays.get(owner.accountId(), owner.mode(), id, replayId));
    }

    /** The admin key names no account: the endpoint's own account and mode (see EndpointChecks#ownerOf). */
    private EndpointOwner owner(Caller caller, String endpointId) {
        return switch (caller) {
            case Caller.Customer customer -> new EndpointOwner(customer.accountId(), customer.mode());
            case Caller.Platform platform -> checks.ownerOf(endpointId);
        };
    }

    private static long instant(String value, String param) {
        Long millis = QueryParams.instant(value, param);
        if (millis < 0) {
            throw new InvalidInputException("invalid_timestamp", param, param + " cannot be before 1970.");
        }
        return millis;
    }
}
