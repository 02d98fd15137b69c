package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.delivery.Delivery;
import app.smartcomply.webhooks.delivery.ReportedAttempt;
import app.smartcomply.webhooks.delivery.ReportedDeliveries;
import app.smartcomply.webhooks.endpoint.CreatedEndpoint;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.ListenEndpoints;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.event.Event;
import app.smartcomply.webhooks.event.EventReader;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Opens (or resumes) listen sessions and records what their CLIs report. A session is resumed
 * when the CLI names it and it still exists; otherwise a new one is opened with a new secret.
 */
@Service
public class ListenSessions {

    /** Longest reported answer kept, like the engine's response limit. */
    static final int MAX_RESPONSE_BODY = 64 * 1024;

    static final int MAX_HEADERS = 50;
    static final int MAX_TEXT = 8 * 1024;

    private final ListenEndpoints endpoints;
    private final ReportedDeliveries deliveries;
    private final EventReader events;
    private final Clock clock;

    ListenSessions(ListenEndpoints endpoints, ReportedDeliveries deliveries, EventReader events, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A session the CLI connects to.
     *
     * @param signingSecret the secret in full when the session was just opened; null when resumed
     *     (the CLI was told it when it opened the session)
     */
    public record Opened(Endpoint endpoint, String signingSecret) {
        public boolean resumed() {
            return signingSecret == null;
        }
    }

    /**
     * Resumes {@code sessionId} if the account still has it in this mode, or opens a new session.
     *
     * @param eventTypes for a new session: what it receives (empty: every type)
     * @param forwardTo for a new session: where the CLI forwards, shown as its description; may be null
     * @param context who opens it: a new session is audited, a resumed one is not (nothing new exists)
     */
    public Opened open(
            String accountId,
            ApiKeyMode mode,
            String sessionId,
            List<String> eventTypes,
            String forwardTo,
            AuditContext context) {
        if (sessionId != null) {
            Optional<Endpoint> existing = endpoints.find(accountId, mode, sessionId);
            if (existing.isPresent()) {
                endpoints.seen(sessionId);
                return new Opened(existing.get(), null);
            }
        }
        List<String> types = eventTypes == null || eventTypes.isEmpty() ? List.of("*") : eventTypes;
        String description = "webhooks listen" + (forwardTo == null || forwardTo.isBlank() ? "" : " → " + forwardTo);
        CreatedEndpoint created = endpoints.open(accountId, mode, types, description, context);
        return new Opened(created.endpoint(), created.signingSecret());
    }

    /** Notes that the session's CLI is still connected. */
    void seen(String sessionId) {
        endpoints.seen(sessionId);
    }

    /**
     * Records one forward as a delivery of the session, with its one attempt.
     *
     * @throws NotFoundException if the session or the event is not the account's (in this mode)
     * @throws InvalidInputException for a malformed report
     * @throws app.smartcomply.webhooks.error.ConflictException if the delivery was reported already
     */
    public Delivery report(String accountId, ApiKeyMode mode, String sessionId, ListenReport report) {
        Endpoint session = endpoints
                .find(accountId, mode, sessionId)
                .orElseThrow(() -> new NotFoundException("listen session", sessionId, "id"));
        if (!PrefixedIds.isWellFormed(report.deliveryId(), "whd_")) {
            throw new InvalidInputException(
                    "invalid_delivery_id", "delivery_id", "delivery_id must be the whd_ id the stream gave the event.");
        }
        if (report.responseStatus() != null && (report.responseStatus() < 100 || report.responseStatus() > 599)) {
            throw new InvalidInputException(
                    "invalid_response_status",
                    "response_status",
                    "response_status must be an HTTP status (100 to 599), or null when no answer arrived.");
        }
        if (report.durationMs() < 0 || report.durationMs() > 3_600_000) {
            throw new InvalidInputException("invalid_duration", "duration_ms", "duration_ms must be 0 to 3600000.");
        }
        List<Header> headers = report.requestHeaders() == null ? List.of() : report.requestHeaders();
        if (headers.size() > MAX_HEADERS) {
            throw new InvalidInputException(
                    "too_many_headers", "request_headers", "At most " + MAX_HEADERS + " headers.");
        }
        Event event = events.get(accountId, mode, report.eventId());
        String body = report.responseBody();
        boolean truncated = body != null && body.length() > MAX_RESPONSE_BODY;
        long now = clock.millis();
        return deliveries.record(new ReportedAttempt(
                report.deliveryId(),
                accountId,
                mode,
                event.id(),
                event.type(),
                session.id(),
                now - report.durationMs(),
                report.durationMs(),
                text(report.url() == null ? session.url() : report.url(), "url"),
                headers.stream()
                        .map(h -> new Header(text(h.name(), "request_headers"), text(h.value(), "request_headers")))
                        .toList(),
                report.responseStatus(),
                truncated ? body.substring(0, MAX_RESPONSE_BODY) : body,
                truncated,
                report.error() == null ? null : text(report.error(), "error")));
    }

    private static String text(String value, String param) {
        if (value == null) {
            throw new InvalidInputException("invalid_report", param, param + " must not be null.");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidInputException(
                    "invalid_report", param, param + " is limited to " + MAX_TEXT + " characters.");
        }
        return value;
    }
}
