package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.event.BatchOutcome;
import app.smartcomply.webhooks.event.BatchPublisher;
import app.smartcomply.webhooks.event.BatchRefusedException;
import app.smartcomply.webhooks.event.BatchRequest;
import app.smartcomply.webhooks.tracing.Tracing;
import io.opentelemetry.context.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/events/batch}: up to {@link BatchPublisher#MAX_EVENTS} events in one
 * request, each with the fields, checks and answer of a single {@code POST /api/v1/events} (its
 * idempotency key as a field), all committed together. The answer is 200 with one result per
 * event, in order; with {@code "atomic": true} one refused event refuses the batch with its
 * problem instead, and nothing is stored. Who may send one, and where each event goes, is decided
 * by the single publish's own rules ({@link PublishTargets}).
 */
@RestController
@Tag(name = "Events")
class EventBatchController {

    static final String PATH = "/api/v1/events/batch";
    static final String EVENTS = "events";
    static final String IDEMPOTENCY_KEY = "idempotency_key";
    private static final Set<String> BATCH_FIELDS = Set.of(EVENTS, "atomic");
    private static final Set<String> EVENT_FIELDS = Set.of("account_id", "type", "data", "mode", IDEMPOTENCY_KEY);

    private final BatchPublisher publisher;
    private final PublishTargets targets;
    private final TriggeredEventsLimit triggered;
    private final BatchResults results;
    private final Tracing tracing;

    EventBatchController(
            BatchPublisher publisher,
            PublishTargets targets,
            TriggeredEventsLimit triggered,
            JsonMapper json,
            Tracing tracing) {
        this.publisher = publisher;
        this.targets = targets;
        this.triggered = triggered;
        this.results = new BatchResults(json);
        this.tracing = tracing;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "publishEventBatch",
            summary = "Publish a batch of events (platform), or trigger test events (account test key)",
            description =
                    "Up to 1,000 events, each exactly as POST /api/v1/events takes it (its Idempotency-Key as the "
                            + "field idempotency_key), all committed together: much cheaper than one request each. The answer lists "
                            + "one result per event, in order: status 202 with the event (replayed: true for the original of a "
                            + "repeated key, also one earlier in the same batch), or the problem a single publish would have "
                            + "answered, its param pointing into the array (events[1].data.severity). One refused event does not "
                            + "hold back the others — unless atomic is true: then it refuses the whole batch with its problem and "
                            + "nothing is stored. 200 means every event reported 202 is durable. At most 8 MiB in all. The same "
                            + "keys may publish as for POST /api/v1/events: the admin key for any account, an account's test key "
                            + "test events of its own account (account_id may be left out; an event asking for live mode or another "
                            + "account is refused with 403 in its result; each event counts as a request of the key's rate limit, "
                            + "and a batch holds at most its burst), not a live key (403 live_trigger_forbidden).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            schema = @Schema(implementation = BatchSchemas.PublishBatch.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "two events",
                                                            value = BatchExamples.PUBLISH_BATCH))))
    @ApiResponse(
            responseCode = "200",
            description = "One result per event, in order.",
            content =
                    @Content(
                            schema = @Schema(implementation = BatchSchemas.BatchResults.class),
                            examples =
                                    @ExampleObject(
                                            name = "one published, one refused",
                                            value = BatchExamples.BATCH_RESULTS)))
    @ApiResponse(
            responseCode = "400",
            description = "No events, more than 1,000, a malformed batch, or (atomic) a "
                    + "refused event: param says which (events, events[1].type).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class),
                            examples = @ExampleObject(name = "too_many_events", value = BatchExamples.TOO_MANY_EVENTS)))
    @ApiResponse(
            responseCode = "413",
            description = "The body is over 8 MiB (request_too_large).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @ApiResponse(
            responseCode = "403",
            description = "An account's live key (live_trigger_forbidden).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @SecurityRequirement(name = OpenApiConfiguration.ADMIN_KEY)
    @SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
    ResponseEntity<byte[]> publishBatch(
            Caller caller,
            AuditContext audit,
            @Parameter(
                            description =
                                    "W3C Trace Context of the caller. With tracing on (OTEL_* settings), the batch "
                                            + "and its deliveries join the caller's trace; otherwise ignored.")
                    @RequestHeader(name = Tracing.TRACEPARENT, required = false)
                    String traceparent,
            @RequestBody JsonNode body) {
        targets.authorize(caller);
        JsonBody batch = JsonBody.of(body, BATCH_FIELDS);
        boolean atomic = atomic(batch.raw("atomic"));
        JsonNode events = events(batch.raw(EVENTS));
        triggered.spend(caller, events.size());
        List<BatchRequest> readable = new ArrayList<>(events.size());
        List<BatchOutcome> unreadable = new ArrayList<>(0);
        for (int i = 0; i < events.size(); i++) {
            try {
                readable.add(read(caller, i, events.get(i)));
            } catch (InvalidInputException | CallerArguments.ForbiddenException e) {
                if (atomic) {
                    return results.refused(new BatchRefusedException(i, e));
                }
                unreadable.add(BatchOutcome.refused(i, e));
            }
        }
        List<BatchOutcome> published;
        try (Scope joined = tracing.joining(traceparent)) {
            published = readable.isEmpty() ? List.of() : publisher.publish(readable, atomic);
        } catch (BatchRefusedException refused) {
            return results.refused(refused);
        }
        targets.triggered(
                caller,
                audit,
                published.stream()
                        .map(BatchOutcome::published)
                        .filter(Objects::nonNull)
                        .toList());
        return results.of(events.size(), published, unreadable);
    }

    /** One event of the batch, read like a single publish's body; param names are the event's own. */
    private BatchRequest read(Caller caller, int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("invalid_type", null, "Each event must be a JSON object.");
        }
        JsonBody event = JsonBody.of(node, EVENT_FIELDS);
        PublishTargets.Target target = targets.of(caller, event);
        return new BatchRequest(
                index,
                target.accountId(),
                target.mode(),
                event.requiredString("type"),
                target.data(),
                event.optionalString(IDEMPOTENCY_KEY).orElse(null));
    }

    private static boolean atomic(JsonNode atomic) {
        if (atomic == null || atomic.isNull()) {
            return false;
        }
        if (!atomic.isBoolean()) {
            throw new InvalidInputException("invalid_type", "atomic", "atomic must be true or false.");
        }
        return atomic.booleanValue();
    }

    private static JsonNode events(JsonNode events) {
        if (events == null || events.isNull()) {
            throw new InvalidInputException("parameter_missing", EVENTS, "events is required.");
        }
        if (!events.isArray()) {
            throw new InvalidInputException("invalid_type", EVENTS, "events must be an array of events.");
        }
        if (events.isEmpty()) {
            throw new InvalidInputException(
                    "batch_empty", EVENTS, "events is empty: send 1 to " + BatchPublisher.MAX_EVENTS + " events.");
        }
        if (events.size() > BatchPublisher.MAX_EVENTS) {
            throw new InvalidInputException(
                    "too_many_events",
                    EVENTS,
                    "events holds " + events.size() + " events; a batch takes at most " + BatchPublisher.MAX_EVENTS
                            + ".");
        }
        return events;
    }
}
