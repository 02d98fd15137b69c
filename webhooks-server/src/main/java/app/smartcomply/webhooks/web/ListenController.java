package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.listen.ListenProperties;
import app.smartcomply.webhooks.listen.ListenReport;
import app.smartcomply.webhooks.listen.ListenSessions;
import app.smartcomply.webhooks.listen.ListenStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.JsonNode;

/**
 * {@code webhooks listen} over the API port: {@code GET /api/v1/listen} opens (or resumes) a
 * listen session and streams its events as Server-Sent Events; the CLI reports each forward to
 * {@code POST /api/v1/listen/sessions/{id}/results}.
 *
 * <p>The stream: first an {@code event: session} message ({@code session_id}, {@code resumed},
 * {@code signing_secret} on a new session only, {@code events}, {@code mode}); then per event an
 * {@code event: delivery} message whose {@code id} is the event id — the cursor to send back as
 * {@code Last-Event-ID} — and whose data is two lines: {@code {"delivery_id", "event_id",
 * "event_type", "attempt"}}, then the event's payload exactly as a delivery's body. Keep-alive
 * comments come when idle; the server ends the response after {@code webhooks.listen.max-connection}
 * and the CLI reconnects.
 */
@RestController
@Tag(name = "Listen", description = "Stream events to `webhooks listen` on a developer's machine.")
@SecurityRequirement(name = OpenApiConfiguration.ACCOUNT_KEY)
class ListenController {

    static final MediaType EVENT_STREAM =
            new MediaType("text", "event-stream", java.nio.charset.StandardCharsets.UTF_8);

    private final ListenSessions sessions;
    private final ListenStreams streams;
    private final ListenProperties properties;
    private final ProblemWriter problems;

    ListenController(
            ListenSessions sessions, ListenStreams streams, ListenProperties properties, ProblemWriter problems) {
        this.sessions = sessions;
        this.streams = streams;
        this.properties = properties;
        this.problems = problems;
    }

    @GetMapping("/api/v1/listen")
    @Operation(
            operationId = "openListenStream",
            summary = "Open a listen stream (Server-Sent Events)",
            description =
                    "Opens a listen session (an endpoint of kind listen, with its own signing secret sent once in "
                            + "the first message) or resumes the one named by session, and streams the account's events of the key's "
                            + "mode in publication order. Send Last-Event-ID to resume after an event. Needs a key with scope full.")
    // Said explicitly: inferred from the return type, the answer would be a ResponseBodyEmitter "object".
    @ApiResponse(
            responseCode = "200",
            description = "The session's Server-Sent Events, until the server ends them.",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    ResponseEntity<ResponseBodyEmitter> listen(
            Caller.Customer caller,
            AuditContext audit,
            HttpServletRequest request,
            HttpServletResponse response,
            @Parameter(description = "Comma-separated event types; all (but the service's own webhook.*) when absent.")
                    @RequestParam(required = false)
                    String events,
            @Parameter(description = "The session to resume (whe_…); a new one is opened if it is gone.")
                    @RequestParam(required = false)
                    String session,
            @Parameter(description = "Where the CLI forwards (shown in the endpoint list).")
                    @RequestParam(name = "forward_to", required = false)
                    String forwardTo,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId)
            throws IOException {
        if (!caller.mayWrite()) {
            // A GET, so the filter let a read-only key through; but a session is an endpoint it creates.
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "insufficient_scope",
                    "Authorization",
                    "This API key is read-only. Use a key with scope 'full' to listen.");
            return null;
        }
        String cursor = ListenStreams.startingCursor(lastEventId);
        streams.checkRoomFor(caller.accountId());
        ListenSessions.Opened opened =
                sessions.open(caller.accountId(), caller.mode(), session, eventTypes(events), forwardTo, audit);
        ResponseBodyEmitter emitter =
                new ResponseBodyEmitter(properties.maxConnection().toMillis() + 60_000);
        Runnable stop = streams.start(opened, cursor, new EmitterSink(emitter));
        // Whenever the container learns first that the request is over (the client left, it timed out).
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        return ResponseEntity.ok()
                .contentType(EVENT_STREAM)
                .header("Cache-Control", "no-store")
                // Tells a buffering proxy in front (nginx) to pass each message on at once.
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    @PostMapping(path = "/api/v1/listen/sessions/{id}/results", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "reportListenResult",
            summary = "Report a forward of a listen session",
            description = "Records what the local receiver answered as a delivery of the session, with one attempt, so "
                    + "that it shows in the delivery log.")
    ResponseEntity<DeliveryViews.View> result(
            Caller.Customer caller, @PathVariable String id, @RequestBody JsonNode body) {
        JsonBody request = JsonBody.of(
                body,
                Set.of(
                        "delivery_id",
                        "event_id",
                        "url",
                        "request_headers",
                        "response_status",
                        "duration_ms",
                        "response_body",
                        "error"));
        Long status = request.optionalLong("response_status").orElse(null);
        ListenReport report = new ListenReport(
                request.requiredString("delivery_id"),
                request.requiredString("event_id"),
                request.optionalString("url").orElse(null),
                headers(request.raw("request_headers")),
                status == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, status)),
                request.optionalLong("duration_ms").orElse(0L),
                request.optionalString("response_body").orElse(null),
                request.optionalString("error").orElse(null));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(DeliveryViews.View.of(sessions.report(caller.accountId(), caller.mode(), id, report)));
    }

    private static List<String> eventTypes(String events) {
        if (events == null || events.isBlank()) {
            return List.of();
        }
        return Arrays.stream(events.split(",")).map(String::trim).toList();
    }

    /** {@code [["name", "value"], …]}, as the CLI sends it. */
    private static List<Header> headers(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return List.of();
        }
        if (!raw.isArray()) {
            throw new InvalidInputException(
                    "invalid_request_headers",
                    "request_headers",
                    "request_headers must be an array of [name, value] pairs.");
        }
        List<Header> headers = new ArrayList<>();
        for (JsonNode pair : raw) {
            if (!pair.isArray()
                    || pair.size() != 2
                    || !pair.get(0).isString()
                    || !pair.get(1).isString()) {
                throw new InvalidInputException(
                        "invalid_request_headers",
                        "request_headers",
                        "request_headers must be an array of [name, value] pairs.");
            }
            headers.add(new Header(pair.get(0).asString(), pair.get(1).asString()));
        }
        return headers;
    }
}
